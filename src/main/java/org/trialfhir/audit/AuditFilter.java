package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * One audit record per request, written before a byte of the answer leaves: the answer is held until the request's
 * row is in the audit outbox (in its own transaction, so a refused or failed request is recorded too). If the record
 * cannot be written, the client gets 500 instead of an unaudited answer. Runs first, outside Spring Security, so
 * requests refused there (401) are recorded as well.
 */
class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
	private static final Pattern LOCATION = Pattern.compile("/fhir/([A-Za-z]+/[A-Za-z0-9.\\-]+)(/_history/.*)?$");

	private final AuditOutbox outbox;
	private final AuditEventFactory events;
	private final FhirContext fhirContext;

	AuditFilter(AuditOutbox outbox, AuditEventFactory events, FhirContext fhirContext) {
		this.outbox = outbox;
		this.events = events;
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuditRecord record = new AuditRecord();
		request.setAttribute(AuditRecord.ATTRIBUTE, record);
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, held);
		} finally {
			if (isMetadata(request) || written(request, held, record)) {
				held.copyBodyToResponse();
			} else if (!response.isCommitted()) {
				response.reset(); // the held answer's status and headers (a Content-Encoding among them) go too
				refuseUnaudited(response);
			}
		}
	}

	private boolean written(HttpServletRequest request, HttpServletResponse held, AuditRecord record) {
		int status = held.getStatus();
		try {
			outbox.append(record.requestId, AuditOutbox.Kind.request, events.toJson(events.request(request, status,
					record, createdResource(held))));
			return true;
		} catch (RuntimeException e) {
			log.error("The audit record of {} {} could not be written; the request is answered 500",
					request.getMethod(), request.getRequestURI(), e);
			return false;
		}
	}

	private void refuseUnaudited(HttpServletResponse response) throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.FATAL)
				.setCode(OperationOutcome.IssueType.EXCEPTION)
				.setDiagnostics("The request could not be recorded in the audit trail, so its answer is withheld; "
						+ "retry later. Writes it made are recorded by their own audit receipts.");
		response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}

	/**
	 * What a write made, from its Location header ({@code …/fhir/Patient/123/_history/1} → {@code Patient/123}); HAPI
	 * answers an update — also a conditional one, which a keyed push is, even when it creates — with Content-Location
	 * only.
	 */
	static String createdResource(HttpServletResponse response) {
		String location = response.getHeader("Location") != null ? response.getHeader("Location")
				: response.getHeader("Content-Location");
		if (location == null) {
			return null;
		}
		Matcher matcher = LOCATION.matcher(location);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The public CapabilityStatement is not a data access: not audited. */
	private static boolean isMetadata(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && request.getRequestURI().equals("/fhir/metadata");
	}
}
