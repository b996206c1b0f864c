package org.trialfhir.studyday;

import org.springframework.stereotype.Component;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * The write pipeline's {@code stamp-study-day} step, for every write: an Observation gets its study day before it is
 * validated and stored; a ResearchSubject's T0 counts for the rest of the write's transaction (a bundle's later
 * Observations of that patient are stamped and validated as enrolled).
 */
@Component
class StampStudyDay implements WriteStep {

	private final StudyDayStamping stamping;
	private final PatientT0 t0s;

	StampStudyDay(StudyDayStamping stamping, PatientT0 t0s) {
		this.stamping = stamping;
		this.t0s = t0s;
	}

	@Override
	public String name() {
		return "stamp-study-day";
	}

	@Override
	public void beforeStore(WriteContext write) {
		if (write.kind() != WriteContext.Kind.DELETE) {
			stamping.stampIfObservation(write.resource(), write.request());
			t0s.written(write.resource());
		}
	}
}
