package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.trialfhir.errors.OperationOutcomes;

/**
 * Tomcat's own error report as an OperationOutcome instead of its HTML page: for requests the connector refuses
 * before any application code runs (an encoded slash or NUL in the path, a control character, an unsupported HTTP
 * version) and any error nothing else has answered. Errors that reach the application are answered by HAPI, by our
 * filters or by Spring's error page ({@link FhirErrorPageFilter}); this valve writes only when none of them did.
 */
class OperationOutcomeErrorReportValve extends ErrorReportValve {

	private final FhirContext fhirContext;

	OperationOutcomeErrorReportValve(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's report: only an error, only once, only if nothing was written and the connection can take it
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		// Tomcat's reason for refusing a request helps the client; a fault's message is internal
		String detail = status < 500 ? response.getMessage() : null;
		String json = fhirContext.newJsonParser()
				.encodeResourceToString(OperationOutcomes.ofHttpStatus(status, detail));
		try {
			response.setContentType(OperationOutcomes.FHIR_JSON);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json);
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException e) {
			// the client is gone or the response cannot take a body: nothing more to tell it
		}
	}
}
