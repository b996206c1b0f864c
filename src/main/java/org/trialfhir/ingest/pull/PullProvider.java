package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code $pull}: pull vitals and labs from the hospital sources now — for every followed subject ({@code [base]/$pull})
 * or for one ({@code [base]/ResearchSubject/[id]/$pull}). Optional {@code source} parameters restrict it to named
 * sources ({@link PullRequest}); {@link PullExecutor} pulls; {@link PullResponse} renders the per-source counts.
 */
@Component
class PullProvider implements FhirOperationProvider {

	private final EhrSources sources;
	private final PullExecutor executor;

	PullProvider(EhrSources sources, PullExecutor executor) {
		this.sources = sources;
		this.executor = executor;
	}

	@Operation(name = "$pull", idempotent = false)
	@OperationAccess("$pull")
	public Parameters pullAll(
			@OperationParam(name = "source", min = 0, max = OperationParam.MAX_UNLIMITED) List<StringType> source) {
		return PullResponse.render(executor.run(PullRequest.from(source, sources)));
	}

	@Operation(name = "$pull", type = ResearchSubject.class, idempotent = false)
	@OperationAccess("$pull")
	public Parameters pullSubject(
			@IdParam IdType subject,
			@OperationParam(name = "source", min = 0, max = OperationParam.MAX_UNLIMITED) List<StringType> source) {
		return PullResponse.render(executor.run(subject.getIdPart(), PullRequest.from(source, sources)));
	}
}
