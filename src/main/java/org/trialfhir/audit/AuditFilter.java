package org.trialfhir.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes one audit record per FHIR request once the response status is known, including requests refused before
 * HAPI saw them (401). Runs outside Spring Security so those are seen too.
 */
class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
	private static final Pattern LOCATION = Pattern.compile("/fhir/([A-Za-z]+/[A-Za-z0-9.\\-]+)(/_history/.*)?$");

	private final AuditOutbox outbox;
	private final AuditEventFactory events;

	AuditFilter(AuditOutbox outbox, AuditEventFactory events) {
		this.outbox = outbox;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant started = Instant.now();
		try {
			chain.doFilter(request, response);
		} finally {
			AuditContext context = (AuditContext) request.getAttribute(AuditContext.ATTRIBUTE);
			if (context == null || context.operation() != ca.uhn.fhir.rest.api.RestOperationTypeEnum.METADATA) {
				record(request, response, context, started);
			}
		}
	}

	/** What a create made, from its Location header ({@code …/fhir/Patient/123/_history/1} → {@code Patient/123}). */
	static String createdResource(HttpServletResponse response) {
		String location = response.getHeader("Location");
		if (location == null) {
			return null;
		}
		Matcher matcher = LOCATION.matcher(location);
		return matcher.find() ? matcher.group(1) : null;
	}

	private void record(HttpServletRequest request, HttpServletResponse response, AuditContext context, Instant started) {
		try {
			outbox.append(events.toJson(request, response.getStatus(), context, createdResource(response), started));
		} catch (RuntimeException e) {
			// an audit failure must be visible to operators, but the request has already been answered
			log.error("Could not write the audit record of {} {}", request.getMethod(), request.getRequestURI(), e);
		}
	}
}
