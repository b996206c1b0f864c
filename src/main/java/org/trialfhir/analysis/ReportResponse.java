package org.trialfhir.analysis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.trialfhir.errors.TrialFhirException;

/**
 * The answer of a report operation that writes its own response ({@code manualResponse}: {@code $analyze},
 * {@code $interim}, {@code $completeness}), so that HTML and CSV are not taken for FHIR encodings: the format the
 * client asked for, a FHIR resource encoded as HAPI would ({@code _pretty}), never cached, CSV as a download.
 */
public final class ReportResponse {

	private ReportResponse() {
	}

	/** {@code _format} (at most once), else the Accept header ({@link ResponseFormat#negotiate}). */
	public static ResponseFormat format(ServletRequestDetails request) {
		String[] format = request.getParameters().get("_format");
		if (format != null && format.length > 1) {
			throw TrialFhirException.invalid("_format", "_format may be given once");
		}
		return ResponseFormat.negotiate(format != null ? format[0] : null, request.getHeader("Accept"));
	}

	/** A resource in the FHIR encoding {@code format} names (JSON or XML), pretty when the request says so. */
	public static String encode(FhirContext fhirContext, IBaseResource resource, ResponseFormat format,
			ServletRequestDetails request) {
		String[] pretty = request.getParameters().get("_pretty");
		return (format == ResponseFormat.XML ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
				.setPrettyPrint(pretty != null && "true".equals(pretty[0])).encodeResourceToString(resource);
	}

	/** Writes {@code body} as the 200 answer; a CSV is offered for download as {@code <csvName>.csv}. */
	public static void write(ServletRequestDetails request, ResponseFormat format, String body, String csvName)
			throws IOException {
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(200);
		response.setContentType(format.contentType());
		response.setHeader("Cache-Control", "no-store");
		if (format == ResponseFormat.CSV) {
			response.setHeader("Content-Disposition", "attachment; filename=\"" + csvName + ".csv\"");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}
}
