package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.springframework.stereotype.Component;

/** Registers every {@link FhirStorageInterceptor} on HAPI's JPA interceptor service, and removes them at shutdown. */
@Component
class StorageInterceptorRegistration {

	private final IInterceptorService interceptors;
	private final List<FhirStorageInterceptor> storageInterceptors;

	StorageInterceptorRegistration(IInterceptorService interceptors, List<FhirStorageInterceptor> storageInterceptors) {
		this.interceptors = interceptors;
		this.storageInterceptors = storageInterceptors;
	}

	@PostConstruct
	void register() {
		storageInterceptors.forEach(interceptors::registerInterceptor);
	}

	@PreDestroy
	void unregister() {
		storageInterceptors.forEach(interceptors::unregisterInterceptor);
	}
}
