package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.util.function.SingletonSupplier;

@Configuration(proxyBeanMethods = false)
class ProfileValidationConfig {

	private static final String HAPI_KEEPS_PARSED_TEXT = "fhirValidationSupportSvc";
	private static final Logger log = LoggerFactory.getLogger(ProfileValidationConfig.class);

	/**
	 * Built on the bootstrap executor while the main thread goes on with the database, Hibernate and HAPI's beans: it
	 * needs none of them, and it is the largest part of the start (its FHIR R5 context, the profiles' snapshots, the
	 * warm-up). The context finishes starting only once it is built; a bean that needs it before holds an
	 * {@link ObjectProvider} and asks when it validates, so that it does not wait for it at its own creation.
	 *
	 * <p>Not before HAPI's {@code fhirValidationSupportSvc}, built first on the main thread: it switches the shared
	 * context to keeping each parsed resource's text, and a parse running at that moment fails (the parser reads that
	 * setting twice).
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	@DependsOn(HAPI_KEEPS_PARSED_TEXT)
	TrialValidator trialValidator(FhirContext fhirContext, MeterRegistry registry) {
		long began = System.nanoTime();
		TrialValidator validator = new TrialValidator(fhirContext, registry);
		log.info("Trial validator built in {} ms", (System.nanoTime() - began) / 1_000_000);
		return validator;
	}

	/**
	 * Replaces HAPI's own instance validator, so {@code $validate} checks the trial profiles and unit rule too. HAPI's
	 * DAOs take it when they are created, long before the validator is built: it looks the validator up when it runs.
	 */
	@Bean
	@Primary
	IInstanceValidatorModule trialInstanceValidator(ObjectProvider<TrialValidator> validator) {
		Supplier<TrialValidator> built = SingletonSupplier.of(validator::getObject);
		return context -> built.get().instanceValidatorModule().validateResource(context);
	}
}
