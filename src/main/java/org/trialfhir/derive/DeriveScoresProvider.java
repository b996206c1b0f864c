package org.trialfhir.derive;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code POST ResearchSubject/[id]/$derive-scores} and {@code POST ResearchStudy/[id]/$derive-scores} (docs/api.md §5.1):
 * compute or recompute the per-day scores ({@link DeriveScoresRequest} → {@link DeriveScoresExecutor}) and return the
 * stored derived Observations in a {@code collection} Bundle ({@link DeriveScoresResponse}).
 */
@Component
class DeriveScoresProvider implements FhirOperationProvider {

	private final DeriveScoresExecutor executor;

	DeriveScoresProvider(DeriveScoresExecutor executor) {
		this.executor = executor;
	}

	@Operation(name = "$derive-scores", type = ResearchSubject.class, idempotent = false)
	@OperationAccess("$derive-scores")
	public Bundle deriveForSubject(@IdParam IdType subject,
			@OperationParam(name = "day", min = 0, max = OperationParam.MAX_UNLIMITED) List<IntegerType> day,
			@OperationParam(name = "score", min = 0, max = OperationParam.MAX_UNLIMITED) List<CodeType> score,
			RequestDetails request) {
		return DeriveScoresResponse.render(executor.runOnSubject(subject.getIdPart(),
				DeriveScoresRequest.from(day, score)), request.getFhirServerBase());
	}

	@Operation(name = "$derive-scores", type = ResearchStudy.class, idempotent = false)
	@OperationAccess("$derive-scores")
	public Bundle deriveForStudy(@IdParam IdType study,
			@OperationParam(name = "day", min = 0, max = OperationParam.MAX_UNLIMITED) List<IntegerType> day,
			@OperationParam(name = "score", min = 0, max = OperationParam.MAX_UNLIMITED) List<CodeType> score,
			RequestDetails request) {
		return DeriveScoresResponse.render(executor.runOnStudy(study.getIdPart(),
				DeriveScoresRequest.from(day, score)), request.getFhirServerBase());
	}
}
