package org.trialfhir.studyday;

import org.springframework.stereotype.Component;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * The write pipeline's {@code restamp-study-day} step, for every write, after it is stored: an Observation stamped
 * while its patient was a bundle placeholder is stamped again once HAPI resolved it, and a patient's Observations are
 * re-stamped when their ResearchSubject is created or its T0 or patient changes. Each re-stamp is a write of its own
 * through the pipeline.
 */
@Component
class RestampStudyDay implements WriteStep {

	private final StudyDayStamping stamping;

	RestampStudyDay(StudyDayStamping stamping) {
		this.stamping = stamping;
	}

	@Override
	public String name() {
		return "restamp-study-day";
	}

	@Override
	public void afterStore(WriteContext write) {
		switch (write.kind()) {
			case CREATE -> stamping.created(write.resource(), write.request());
			case UPDATE -> stamping.updated(write.previous(), write.resource());
			case DELETE -> {}
		}
	}
}
