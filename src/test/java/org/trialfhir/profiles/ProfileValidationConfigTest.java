package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;

class ProfileValidationConfigTest {

	/** The validator is the largest part of the start: it is built beside the rest, on the bootstrap executor. */
	@Test
	void theValidatorIsBuiltInTheBackground() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		AnnotationConfigUtils.registerAnnotationConfigProcessors(beans);
		new AnnotatedBeanDefinitionReader(beans).register(ProfileValidationConfig.class);
		new ConfigurationClassPostProcessor().postProcessBeanDefinitionRegistry(beans);

		AbstractBeanDefinition validator = (AbstractBeanDefinition) beans.getBeanDefinition("trialValidator");
		assertThat(validator.isBackgroundInit()).isTrue();
		// HAPI's bean switching the shared context to keeping parsed text: a parse at that moment fails (both built first)
		assertThat(validator.getDependsOn()).containsExactly("fhirValidationSupportSvc");
	}
}
