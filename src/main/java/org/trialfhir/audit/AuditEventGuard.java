package org.trialfhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * The audit trail is written by the server alone and never changed: no client request creates, updates, deletes or
 * re-tags ({@code $meta-add}, {@code $meta-delete}) an AuditEvent, whatever its scopes and whichever door it uses
 * (REST, any transaction entry URL form, conditional URLs, PATCH). Decided in storage, where every door ends, so a
 * door HAPI opens later stays closed too.
 */
@Component
@Interceptor
class AuditEventGuard implements FhirStorageInterceptor {

	private static final String AUDIT_EVENT = "AuditEvent";

	AuditEventGuard() {
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		refuseClient(resource, request, "created");
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, RequestDetails request) {
		refuseClient(previous, request, "changed");
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		refuseClient(resource, request, "deleted");
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
