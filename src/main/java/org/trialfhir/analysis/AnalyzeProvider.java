package org.trialfhir.analysis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.io.IOException;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalyzeRequest;
import org.trialfhir.analysis.report.CsvReport;
import org.trialfhir.analysis.report.HtmlReport;
import org.trialfhir.analysis.report.ParametersReport;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code ResearchStudy/[id]/$analyze} (GET or POST): the arm-level outcome comparison of docs/api.md §5.2, as Parameters
 * (JSON/XML), an HTML report or CSV. The method writes the response itself ({@code manualResponse}) so that HTML and
 * CSV are not taken for FHIR encodings.
 */
@Component
class AnalyzeProvider implements FhirOperationProvider {

	private final AnalyzeExecutor executor;
	private final FhirContext fhirContext;

	AnalyzeProvider(AnalyzeExecutor executor, FhirContext fhirContext) {
		this.executor = executor;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$analyze", type = ResearchStudy.class, idempotent = true, manualResponse = true)
	@OperationAccess("$analyze")
	public void analyze(@IdParam IdType study, ServletRequestDetails request) throws IOException {
		AnalyzeRequest parameters = AnalyzeRequest.from(OperationParameters.of(request, fhirContext));
		ResponseFormat format = ReportResponse.format(request);
		AnalyzeExecutor.Analyzed analyzed = executor.run(study.getIdPart(), parameters);
		AnalysisResult result = analyzed.result();
		String body = switch (format) {
			case HTML -> HtmlReport.render(result, Instant.now(), analyzed.consort(), analyzed.baseline());
			case CSV -> CsvReport.render(result, analyzed.consort(), analyzed.baseline());
			case JSON, XML -> ReportResponse.encode(fhirContext,
					ParametersReport.render(result, analyzed.consort(), analyzed.baseline()), format, request);
		};
		ReportResponse.write(request, format, body, "analyze-" + study.getIdPart());
	}
}
