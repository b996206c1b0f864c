package org.trialfhir.randomization;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code POST /fhir/ResearchSubject/[id]/$unblind} with a {@code reason}: emergency unblinding of one subject. Returns
 * Parameters with {@code arm}; the reason, who and when are stored as an AuditEvent before the arm is returned
 * ({@link UnblindExecutor}).
 */
@Component
class UnblindProvider implements FhirOperationProvider {

	private final UnblindExecutor executor;

	UnblindProvider(UnblindExecutor executor) {
		this.executor = executor;
	}

	@Operation(name = "$unblind", type = ResearchSubject.class, idempotent = false)
	@OperationAccess("$unblind")
	public Parameters unblind(
			@IdParam IdType subject,
			@OperationParam(name = "reason", min = 1, max = 1) StringType reason) {
		return UnblindResponse.render(executor.run(subject.getIdPart(), UnblindRequest.from(reason)));
	}
}
