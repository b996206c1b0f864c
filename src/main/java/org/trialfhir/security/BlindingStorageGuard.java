package org.trialfhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * The blind where every door ends, in HAPI's storage: each JPA search of a client (REST, batch entries, conditional
 * URLs, conditional references) is checked before it runs, and each write of a ResearchSubject before it is stored.
 * Registered on HAPI's JPA interceptor service, which also sees the writes HAPI does not route through the REST
 * server's interceptors ({@code $meta-add}, updates inside transactions).
 */
@Component
@Interceptor
class BlindingStorageGuard implements FhirStorageInterceptor {

	/** Before the randomized-subject guard: its refusal of a changed arm must not answer a blinded client's guess. */
	private static final int BEFORE_OTHER_GUARDS = -100;

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

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = BEFORE_OTHER_GUARDS)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof ResearchSubject subject && !policy.mayReadArms(request)) {
			policy.checkCreate(subject);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = BEFORE_OTHER_GUARDS)
	public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (previous instanceof ResearchSubject before && updated instanceof ResearchSubject after
				&& !policy.mayReadArms(request)) {
			policy.checkUpdate(before, after);
		}
	}
}
