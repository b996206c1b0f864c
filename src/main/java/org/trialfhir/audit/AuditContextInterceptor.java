package org.trialfhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;

/**
 * Records on the request's audit record what HAPI made of it — the interaction, the resource, the operation — and,
 * for a transaction or batch, each entry with its outcome. The GET entries of a batch are HAPI sub-requests: they
 * belong to their bundle's record and do not replace it.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AuditContextInterceptor implements FhirRestInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void remember(RequestDetails request, ServletRequestDetails servletRequest, RestOperationTypeEnum operation) {
		if (servletRequest == null || request instanceof ServletSubRequestDetails) {
			return;
		}
		AuditRecord.of(servletRequest.getServletRequest()).ifPresent(record -> {
			// HAPI names a batch a transaction: the bundle's own type says which it is
			record.operation = operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle
					&& bundle.getType() == Bundle.BundleType.BATCH ? RestOperationTypeEnum.BATCH : operation;
			record.resourceType = request.getResourceName();
			record.resourceId = request.getId() == null ? null : request.getId().getIdPart();
			record.operationName = request.getOperation();
			if (request.getResource() instanceof Bundle bundle && isBundleRequest(operation)) {
				bundle.getEntry().forEach(entry -> record.entries.add(new AuditRecord.Entry(
						entry.getRequest().getMethodElement().getValueAsString(), entry.getRequest().getUrl(), null, null)));
			}
		});
	}

	/** The response of a transaction or batch says what became of each entry, in the request's order. */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void entryOutcomes(RequestDetails request, ServletRequestDetails servletRequest, ResponseDetails response) {
		if (servletRequest == null || request instanceof ServletSubRequestDetails
				|| !(response.getResponseResource() instanceof Bundle bundle)) {
			return;
		}
		AuditRecord.of(servletRequest.getServletRequest()).filter(record -> isBundleRequest(record.operation))
				.ifPresent(record -> {
					List<Bundle.BundleEntryComponent> outcomes = bundle.getEntry();
					for (int i = 0; i < record.entries.size() && i < outcomes.size(); i++) {
						AuditRecord.Entry asked = record.entries.get(i);
						Bundle.BundleEntryResponseComponent outcome = outcomes.get(i).getResponse();
						record.entries.set(i, new AuditRecord.Entry(asked.method(), asked.url(), outcome.getStatus(),
								outcome.getLocation()));
					}
				});
	}

	private static boolean isBundleRequest(RestOperationTypeEnum operation) {
		return operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH;
	}
}
