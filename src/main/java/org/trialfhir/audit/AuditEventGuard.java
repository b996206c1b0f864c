package org.trialfhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * The audit trail is written by the server alone and never changed: no client request creates, updates, deletes or
 * re-tags ({@code $meta-add}, {@code $meta-delete}) an AuditEvent, whatever its scopes and whichever door it uses
 * (REST, any transaction entry URL form, conditional URLs, PATCH). Decided in storage, where every door ends, so a
 * door HAPI opens later stays closed too.
 */
@Component
class AuditEventGuard implements WriteStep {

	private static final String AUDIT_EVENT = "AuditEvent";

	AuditEventGuard() {
	}

	@Override
	public String name() {
		return "guard-audit-events";
	}

	/** For every write ($meta-add included): the server's own writes pass, a client's is refused. */
	@Override
	public void beforeStore(WriteContext write) {
		switch (write.kind()) {
			case CREATE -> refuseClient(write.resource(), write.request(), "created");
			case UPDATE -> refuseClient(write.previous(), write.request(), "changed");
			case DELETE -> refuseClient(write.resource(), write.request(), "deleted");
		}
	}

	private static void refuseClient(IBaseResource resource, RequestDetails request, String what) {
		if (AUDIT_EVENT.equals(resource.fhirType()) && ClientRequests.isClient(request)) {
			throw new ForbiddenOperationException("AuditEvent" + idOf(resource) + " cannot be " + what
					+ " by a client: the audit trail is written by the server alone and is immutable");
		}
	}

	private static String idOf(IBaseResource resource) {
		return resource.getIdElement().hasIdPart() ? "/" + resource.getIdElement().getIdPart() : "";
	}
}
