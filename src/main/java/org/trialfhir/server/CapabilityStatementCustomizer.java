package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.springframework.stereotype.Component;

/** Completes the generated CapabilityStatement with what HAPI leaves out. */
@Component
@Interceptor
class CapabilityStatementCustomizer implements FhirRestInterceptor {

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void customize(IBaseConformance generated) {
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		capabilities.setName("TrialFHIR");
		capabilities.setTitle("TrialFHIR — rTM septic DIC trial server");
		capabilities.setPublisher("TrialFHIR");
		for (CapabilityStatementRestComponent rest : capabilities.getRest()) {
			// HAPI's system provider serves batch through the same endpoint as transaction, but lists only the latter
			boolean hasBatch = rest.getInteraction().stream()
					.anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
			if (!hasBatch) {
				rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
			}
		}
	}
}
