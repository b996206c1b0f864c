package org.trialfhir.adjudication;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code POST /fhir/Observation/[id]/$adjudicate} and, for several values of one subject at once,
 * {@code POST /fhir/ResearchSubject/[id]/$adjudicate} with one {@code observation} reference per value: a
 * coordinator's decision ({@code accept} or {@code reject}, with a {@code reason}) on pulled values held pending
 * ({@link AdjudicateExecutor}). Returns one {@code adjudicated} parameter per decided value.
 */
@Component
class AdjudicateProvider implements FhirOperationProvider {

	private final AdjudicateExecutor executor;

	AdjudicateProvider(AdjudicateExecutor executor) {
		this.executor = executor;
	}

	@Operation(name = "$adjudicate", type = Observation.class, idempotent = false)
	@OperationAccess("$adjudicate")
	public Parameters adjudicateObservation(
			@IdParam IdType observation,
			@OperationParam(name = "decision", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", max = 1) StringType reason) {
		AdjudicateRequest request = AdjudicateRequest.from(decision, reason);
		return AdjudicateResponse.render(executor.decide(observation.getIdPart(), request));
	}

	@Operation(name = "$adjudicate", type = ResearchSubject.class, idempotent = false)
	@OperationAccess("$adjudicate")
	public Parameters adjudicateValuesOfSubject(
			@IdParam IdType subject,
			@OperationParam(name = "observation", min = 1, max = OperationParam.MAX_UNLIMITED) List<Reference> observations,
			@OperationParam(name = "decision", min = 1, max = 1) CodeType decision,
			@OperationParam(name = "reason", max = 1) StringType reason) {
		AdjudicateRequest request = AdjudicateRequest.from(decision, reason);
		List<String> observationIds = AdjudicateRequest.observations(observations);
		return AdjudicateResponse.render(executor.decide(subject.getIdPart(), observationIds, request));
	}
}
