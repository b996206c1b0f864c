package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.springframework.stereotype.Component;

/**
 * Completes the generated CapabilityStatement with what HAPI leaves out: the batch interaction, and for our custom
 * operations the canonical URL of their OperationDefinition in {@code profiles/} (stored at startup) instead of
 * HAPI's generated one.
 */
@Component
@Interceptor
class CapabilityStatementCustomizer implements FhirRestInterceptor {

	static final String OPERATION_DEFINITIONS = "http://trialfhir.org/fhir/OperationDefinition/";
	static final Set<String> TRIAL_OPERATIONS = Set.of("derive-scores", "analyze", "pull", "randomize", "unblind",
			"import", "interim", "completeness", "pull-status",
			"adjudicate");

	private static void pointAtTrialDefinition(CapabilityStatementRestResourceOperationComponent operation) {
		String name = operation.getName().startsWith("$") ? operation.getName().substring(1) : operation.getName();
		if (TRIAL_OPERATIONS.contains(name)) {
			operation.setDefinition(OPERATION_DEFINITIONS + name);
		}
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void customize(IBaseConformance generated) {
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		capabilities.setName("TrialFHIR");
		capabilities.setTitle("TrialFHIR — rTM septic DIC trial server");
		capabilities.setPublisher("TrialFHIR");
		for (CapabilityStatementRestComponent rest : capabilities.getRest()) {
			rest.getOperation().forEach(CapabilityStatementCustomizer::pointAtTrialDefinition);
			rest.getResource().forEach(resource -> resource.getOperation()
					.forEach(CapabilityStatementCustomizer::pointAtTrialDefinition));
			// HAPI's system provider serves batch through the same endpoint as transaction, but lists only the latter
			boolean hasBatch = rest.getInteraction().stream()
					.anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
			if (!hasBatch) {
				rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
			}
		}
	}
}
