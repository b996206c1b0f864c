package org.trialfhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.server.FhirRestInterceptor;

/** Records who asked for what, as HAPI parsed it, before any authorization decision. */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AuditContextInterceptor implements FhirRestInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void remember(RequestDetails request, ServletRequestDetails servletRequest, RestOperationTypeEnum operation) {
		if (servletRequest == null) {
			return;
		}
		CurrentToken token = CurrentToken.get().orElse(null);
		String id = request.getId() == null ? null : request.getId().getIdPart();
		servletRequest.getServletRequest().setAttribute(AuditContext.ATTRIBUTE, new AuditContext(operation,
				request.getResourceName(), id, request.getOperation(),
				token == null ? null : token.clientId(), token == null ? null : token.user().orElse(null)));
	}
}
