package org.trialfhir.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfig {

	/** Before Spring Security's filter (order -100), so refused requests are audited too. */
	@Bean
	FilterRegistrationBean<AuditFilter> auditFilter(AuditOutbox outbox, AuditEventFactory events) {
		FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(outbox, events));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(-200);
		return registration;
	}
}
