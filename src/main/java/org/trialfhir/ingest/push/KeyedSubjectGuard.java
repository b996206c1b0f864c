package org.trialfhir.ingest.push;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;
import org.trialfhir.studyday.ObservationKeys;

/**
 * An identifier-keyed write never moves an Observation to another patient: an EHR that reuses an identifier for
 * another patient's result would otherwise overwrite the first patient's data silently. Such a write is refused
 * (409); correcting a subject stays possible by an update by id.
 */
@Component
class KeyedSubjectGuard implements WriteStep {

	/** Request user-data key marking a write keyed by identifier (a rewritten push, a conditional PUT, a pull). */
	static final String KEYED_WRITE = KeyedSubjectGuard.class.getName() + ".keyed";

	KeyedSubjectGuard() {
	}

	static void mark(RequestDetails request) {
		request.getUserData().put(KEYED_WRITE, Boolean.TRUE);
	}

	@Override
	public String name() {
		return "guard-keyed-subject";
	}

	@Override
	public void beforeStore(WriteContext write) {
		if (write.kind() == WriteContext.Kind.UPDATE) {
			keepSubject(write.previous(), write.resource(), write.request());
		}
	}

	private static void keepSubject(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (request == null || !Boolean.TRUE.equals(request.getUserData().get(KEYED_WRITE))
				|| !(previous instanceof Observation before) || !(updated instanceof Observation after)) {
			return;
		}
		String was = before.getSubject().getReference();
		String now = after.getSubject().getReference();
		if (!Objects.equals(was, now)) {
			throw new TrialFhirException(TrialFhirException.Kind.CONFLICT, "identifier "
					+ ObservationKeys.keyOf(after).map(k -> k.getSystem() + "|" + k.getValue()).orElse("?")
					+ " already belongs to " + before.getIdElement().toUnqualifiedVersionless().getValue() + " of " + was
					+ "; a write keyed by identifier cannot move it to " + now, "Observation.subject");
		}
	}
}
