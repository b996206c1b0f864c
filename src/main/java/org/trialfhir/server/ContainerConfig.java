package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet container around the FHIR endpoint: whatever it answers in error is an OperationOutcome, never an HTML
 * page, and {@code /actuator} answers FHIR clients. (FHIR query characters Tomcat would refuse unencoded are allowed
 * by {@code server.tomcat.relaxed-query-chars}.)
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfig {

	/**
	 * Replaces the host's error report valve (Spring Boot adds Tomcat's, without details) by ours. Unordered, so it
	 * runs after Spring Boot's customizer and finds its valve in place.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports(FhirContext fhirContext) {
		return factory -> factory.addContextCustomizers(context -> {
			StandardHost host = (StandardHost) context.getParent();
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new OperationOutcomeErrorReportValve(fhirContext));
			// at start the host adds a report valve of this class unless one is there already: ours is
			host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
		});
	}

	@Bean
	FilterRegistrationBean<FhirErrorPageFilter> fhirErrorPageFilter(FhirContext fhirContext) {
		FilterRegistrationBean<FhirErrorPageFilter> registration =
				new FilterRegistrationBean<>(new FhirErrorPageFilter(fhirContext));
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // answers before Spring's error controller is reached
		return registration;
	}

	@Bean
	FilterRegistrationBean<FhirAcceptForActuatorFilter> fhirAcceptForActuatorFilter() {
		FilterRegistrationBean<FhirAcceptForActuatorFilter> registration =
				new FilterRegistrationBean<>(new FhirAcceptForActuatorFilter());
		registration.addUrlPatterns("/actuator/*");
		return registration;
	}
}
