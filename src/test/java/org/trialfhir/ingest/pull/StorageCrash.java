package org.trialfhir.ingest.pull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;

/**
 * Test interceptor: our server "dies" in the middle of a pull — after a given number of pulled Observations have been
 * created, the next create fails (rolled back), as if the process had been killed before committing it.
 */
@Interceptor
public class StorageCrash {

	private final String identifierSystem;
	private final int survivingCreates;
	private final AtomicInteger creates = new AtomicInteger();

	public StorageCrash(String identifierSystem, int survivingCreates) {
		this.identifierSystem = identifierSystem;
		this.survivingCreates = survivingCreates;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void maybeCrash(IBaseResource resource) {
		if (resource instanceof Observation observation
				&& identifierSystem.equals(observation.getIdentifierFirstRep().getSystem())
				&& creates.incrementAndGet() > survivingCreates) {
			throw new IllegalStateException("simulated crash of the server during a pull");
		}
	}
}
