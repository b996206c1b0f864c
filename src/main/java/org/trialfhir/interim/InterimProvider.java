package org.trialfhir.interim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.io.IOException;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.OperationParameters;
import org.trialfhir.analysis.ReportResponse;
import org.trialfhir.analysis.ResponseFormat;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code ResearchStudy/[id]/$interim} (GET or POST): one look of the group-sequential monitoring (docs/interim.md), as
 * Parameters (JSON/XML), the DSMB report (HTML) or CSV. Written by hand ({@code manualResponse}) as {@code $analyze}
 * is, so that HTML and CSV are not taken for FHIR encodings.
 */
@Component
class InterimProvider implements FhirOperationProvider {

	private final InterimExecutor executor;
	private final FhirContext fhirContext;

	InterimProvider(InterimExecutor executor, FhirContext fhirContext) {
		this.executor = executor;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$interim", type = ResearchStudy.class, idempotent = true, manualResponse = true)
	@OperationAccess("$interim")
	public void interim(@IdParam IdType study, ServletRequestDetails request) throws IOException {
		InterimRequest parameters = InterimRequest.from(OperationParameters.of(request, fhirContext),
				request.getRequestType() == RequestTypeEnum.POST);
		ResponseFormat format = ReportResponse.format(request);
		InterimExecutor.Run run = executor.run(study.getIdPart(), parameters, format == ResponseFormat.HTML);
		String body = switch (format) {
			case HTML -> DsmbReport.render(run, Instant.now());
			case CSV -> InterimResponse.csv(run.result());
			case JSON, XML -> ReportResponse.encode(fhirContext, InterimResponse.parameters(run.result()), format,
					request);
		};
		ReportResponse.write(request, format, body, "interim-" + study.getIdPart());
	}
}
