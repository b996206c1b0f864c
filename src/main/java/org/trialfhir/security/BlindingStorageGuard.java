package org.trialfhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * The blind where every door ends, in HAPI's storage: each JPA search of a client (REST, batch entries, conditional
 * URLs, conditional references) is checked before it runs. Registered on HAPI's JPA interceptor service, which also
 * sees the searches HAPI does not route through the REST server's interceptors. Each write of a ResearchSubject is
 * checked by the write pipeline's {@link AuthorizeWrite}.
 */
@Component
@Interceptor
class BlindingStorageGuard implements FhirStorageInterceptor {

	private final BlindingPolicy policy;

	BlindingStorageGuard(BlindingPolicy policy) {
		this.policy = policy;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void search(ICachedSearchDetails search, SearchParameterMap parameters, RequestDetails request) {
		if (!policy.mayReadArms(request)) {
			policy.checkSearch(search.getResourceType(), parameters);
		}
	}
}
