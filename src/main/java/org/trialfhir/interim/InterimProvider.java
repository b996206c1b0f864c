package org.trialfhir.interim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.OperationParameters;
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
		String[] requestedFormat = request.getParameters().get("_format");
		ResponseFormat format = ResponseFormat.negotiate(requestedFormat != null ? requestedFormat[0] : null,
				request.getHeader("Accept"));
		InterimExecutor.Run run = executor.run(study.getIdPart(), parameters, format == ResponseFormat.HTML);
		String body = switch (format) {
			case HTML -> DsmbReport.render(run, Instant.now());
			case CSV -> InterimResponse.csv(run.result());
			case JSON, XML -> encode(run, format, request);
		};
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(200);
		response.setContentType(format.contentType());
		response.setHeader("Cache-Control", "no-store");
		if (format == ResponseFormat.CSV) {
			response.setHeader("Content-Disposition", "attachment; filename=\"interim-" + study.getIdPart() + ".csv\"");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

	private String encode(InterimExecutor.Run run, ResponseFormat format, ServletRequestDetails request) {
		String[] pretty = request.getParameters().get("_pretty");
		return (format == ResponseFormat.XML ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
				.setPrettyPrint(pretty != null && "true".equals(pretty[0]))
				.encodeResourceToString(InterimResponse.parameters(run.result()));
	}
}
