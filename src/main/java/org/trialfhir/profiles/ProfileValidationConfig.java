package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ProfileValidationConfig {

	@Bean
	TrialValidator trialValidator(FhirContext fhirContext, MeterRegistry registry) {
		return new TrialValidator(fhirContext, registry);
	}

	/** Replaces HAPI's own instance validator, so {@code $validate} checks the trial profiles and unit rule too. */
	@Bean
	@Primary
	IInstanceValidatorModule trialInstanceValidator(TrialValidator validator) {
		return validator.instanceValidatorModule();
	}
}
