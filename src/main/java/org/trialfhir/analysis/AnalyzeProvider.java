package org.trialfhir.analysis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
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
		ResponseFormat format = ResponseFormat.negotiate(request.getParameters().containsKey("_format")
				? request.getParameters().get("_format")[0] : null, request.getHeader("Accept"));
		AnalyzeExecutor.Analyzed analyzed = executor.run(study.getIdPart(), parameters);
		AnalysisResult result = analyzed.result();
		String body = switch (format) {
			case HTML -> HtmlReport.render(result, Instant.now(), analyzed.consort(), analyzed.baseline());
			case CSV -> CsvReport.render(result, analyzed.consort(), analyzed.baseline());
			case JSON, XML -> encode(ParametersReport.render(result, analyzed.consort(), analyzed.baseline()), format,
					request);
		};
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(200);
		response.setContentType(format.contentType());
		response.setHeader("Cache-Control", "no-store");
		if (format == ResponseFormat.CSV) {
			response.setHeader("Content-Disposition", "attachment; filename=\"analyze-" + study.getIdPart() + ".csv\"");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

	private String encode(Parameters parameters, ResponseFormat format, ServletRequestDetails request) {
		String[] pretty = request.getParameters().get("_pretty");
		return (format == ResponseFormat.XML ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
				.setPrettyPrint(pretty != null && "true".equals(pretty[0])).encodeResourceToString(parameters);
	}
}
