package org.trialfhir.derive;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.interceptor.OverridePathBasedReferentialIntegrityForDeletesInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets an input Observation be deleted although derived scores name it in {@code derivedFrom}. The server enforces
 * referential integrity on delete, so without this a hospital could not retract a wrong lab once it had been scored
 * (409). HAPI's own interceptor ignores conflicts on that one path; the deletion queues a re-derivation in its
 * transaction ({@link InputChangeInterceptor}), which drops the dangling reference seconds later. (The similar
 * {@code JpaStorageSettings.setEnforceReferentialIntegrityOnDeleteDisableForPaths} only governs
 * {@code $delete-expunge} in HAPI 8.8, not a DELETE.)
 */
@Configuration(proxyBeanMethods = false)
class DerivedFromLinks {

	static final String PATH = "Observation.derivedFrom";

	@Bean
	OverridePathBasedReferentialIntegrityForDeletesInterceptor scoredInputsStayDeletable(
			IInterceptorService interceptors) {
		OverridePathBasedReferentialIntegrityForDeletesInterceptor interceptor =
				new OverridePathBasedReferentialIntegrityForDeletesInterceptor(); // Spring fills its @Autowired fields
		interceptor.addPath(PATH);
		interceptors.registerInterceptor(interceptor);
		return interceptor;
	}
}
