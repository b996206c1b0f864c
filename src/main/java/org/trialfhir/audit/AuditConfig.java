package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfig {

	/** Everything that reads or changes trial data or access to it: FHIR, token issuance, exports, metrics. */
	static final String[] AUDITED = {"/fhir/*", "/oauth2/token", "/randomization/*", "/actuator/prometheus"};

	/** Before Spring Security's filter (order -100), so refused requests are audited too. */
	@Bean
	FilterRegistrationBean<AuditFilter> auditFilter(AuditOutbox outbox, AuditEventFactory events, FhirContext fhir) {
		FilterRegistrationBean<AuditFilter> registration =
				new FilterRegistrationBean<>(new AuditFilter(outbox, events, fhir));
		registration.addUrlPatterns(AUDITED);
		registration.setOrder(-200);
		return registration;
	}

	/** After Spring Security's filter, while the checked token is still known. */
	@Bean
	FilterRegistrationBean<AuditPrincipalFilter> auditPrincipalFilter() {
		FilterRegistrationBean<AuditPrincipalFilter> registration =
				new FilterRegistrationBean<>(new AuditPrincipalFilter());
		registration.addUrlPatterns(AUDITED);
		registration.setOrder(0);
		return registration;
	}
}
