package org.trialfhir.bulkimport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code $import} (FHIR Bulk Data import): {@code POST [base]/$import} with NDJSON or a Parameters naming NDJSON URLs
 * ({@link ImportRequest}) answers {@code 202 Accepted} with {@code Content-Location: [base]/$import-poll-status?_jobId=…};
 * the job runs in the background ({@link ImportRunner}). {@code GET} that location answers 202 with
 * {@code X-Progress} while it runs, then 200 with the JSON report ({@link ImportStatus}). HAPI's own bulk import
 * provider is not registered on our server, so these answer.
 */
@Component
class ImportProvider implements FhirOperationProvider {

	static final String POLL = "$import-poll-status";

	private final ImportExecutor executor;
	private final ImportProperties properties;
	private final FhirContext fhirContext;

	ImportProvider(ImportExecutor executor, ImportProperties properties, FhirContext fhirContext) {
		this.executor = executor;
		this.properties = properties;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$import", manualRequest = true, manualResponse = true, idempotent = false)
	@OperationAccess("$import")
	public void kickOff(ServletRequestDetails request) throws IOException {
		CurrentToken owner = owner();
		HttpServletResponse response = request.getServletResponse();
		ImportRequest parsed;
		try {
			parsed = ImportRequest.from(request.getHeader(Constants.HEADER_CONTENT_TYPE), request.loadRequestContents(),
					properties, owner.grants(), fhirContext);
		} catch (TrialFhirException refused) {
			// answered as FHIR JSON: HAPI would encode the OperationOutcome as the request's NDJSON
			OperationOutcomes.write(response, fhirContext, refused);
			return;
		}
		UUID job = executor.start(parsed, owner);
		response.setStatus(202);
		response.setHeader(Constants.HEADER_CONTENT_LOCATION, request.getFhirServerBase() + "/" + POLL + "?_jobId="
				+ job);
		OperationOutcome accepted = new OperationOutcome();
		accepted.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("import job " + job + " accepted; poll its Content-Location for progress and report");
		write(response, OperationOutcomes.FHIR_JSON, fhirContext.newJsonParser().encodeResourceToString(accepted));
	}

	@Operation(name = POLL, manualResponse = true, idempotent = true)
	@OperationAccess(POLL)
	public void poll(ServletRequestDetails request,
			@OperationParam(name = "_jobId", min = 0, max = 1, typeName = "string") StringType jobId)
			throws IOException {
		ImportStatus status = executor.status(jobId(jobId), owner());
		HttpServletResponse response = request.getServletResponse();
		if (!status.finished()) {
			response.setStatus(202);
			response.setHeader("X-Progress", status.progressHeader());
			response.setHeader(Constants.HEADER_RETRY_AFTER, "2");
			return;
		}
		response.setStatus(200);
		write(response, "application/json;charset=UTF-8", status.reportJson(request.getFhirServerBase() + "/$import"));
	}

	private static UUID jobId(StringType jobId) {
		String value = jobId == null ? null : jobId.getValue();
		if (value == null || value.isBlank()) {
			throw TrialFhirException.invalid("_jobId", "the poll needs _jobId, as in the kick-off's Content-Location");
		}
		try {
			return UUID.fromString(value.trim());
		} catch (IllegalArgumentException e) {
			throw TrialFhirException.notFound("No import job " + value);
		}
	}

	private static CurrentToken owner() {
		return CurrentToken.get().orElseThrow(() -> new IllegalStateException("no token on an authorized request"));
	}

	private static void write(HttpServletResponse response, String contentType, String body) throws IOException {
		response.setContentType(contentType);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}
}
