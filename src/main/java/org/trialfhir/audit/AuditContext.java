package org.trialfhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;

/**
 * What HAPI knew about a request when it was handled, kept on the servlet request for the audit written after the
 * response (when Spring Security has already cleared the principal).
 */
record AuditContext(RestOperationTypeEnum operation, String resourceType, String resourceId, String operationName,
		String clientId, String user) {

	static final String ATTRIBUTE = AuditContext.class.getName();
}
