package org.trialfhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the audit learns about one request while it runs: its id, who asked (once the token is checked), what HAPI
 * made of it, and for a transaction or batch what became of each entry. Created by {@link AuditFilter}, kept on the
 * servlet request, filled in by the request's own thread, turned into the request's AuditEvent at its end.
 */
final class AuditRecord {

	static final String ATTRIBUTE = AuditRecord.class.getName();

	/** One entry of a transaction or batch: what it asked, and what came of it. */
	record Entry(String method, String url, String status, String location) {}

	final UUID requestId = UUID.randomUUID();
	final Instant started = Instant.now();
	String clientId;
	String user;
	RestOperationTypeEnum operation;
	String resourceType;
	String resourceId;
	String operationName;
	final List<Entry> entries = new ArrayList<>();

	static Optional<AuditRecord> of(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof AuditRecord record ? Optional.of(record) : Optional.empty();
	}
}
