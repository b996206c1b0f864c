package org.trialfhir.randomization;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/** {@code POST /fhir/ResearchStudy/[id]/$randomize}: enrol a patient and return the new ResearchSubject. */
@Component
class RandomizeProvider implements FhirOperationProvider {

	private final RandomizeExecutor executor;

	RandomizeProvider(RandomizeExecutor executor) {
		this.executor = executor;
	}

	@Operation(name = "$randomize", type = ResearchStudy.class, idempotent = false)
	@OperationAccess("$randomize")
	public ResearchSubject randomize(
			@IdParam IdType study,
			@OperationParam(name = "subject", min = 1, max = 1) Reference subject,
			@OperationParam(name = "site", max = 1) StringType site,
			@OperationParam(name = "baseline-jaam", max = 1) IntegerType baselineJaam) {
		// the arm of a blinded study is removed from the response for a token without 'unblinded', as from every
		// response (security/BlindingInterceptor)
		return executor.randomize(RandomizeRequest.from(study, subject, site, baselineJaam)).subject();
	}
}
