package org.trialfhir.ingest.pull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;

/**
 * Test interceptor: our own storage answers the create of one pulled Observation with a version conflict (409) or a
 * failed precondition (412), a given number of times or always, as it may while another write holds the resource.
 */
@Interceptor
public class StorageConflicts {

	private final Identifier target;
	private final int times;
	private final Supplier<BaseServerResponseException> conflict;
	private final AtomicInteger thrown = new AtomicInteger();

	/** @param times how many creates of the target fail before one passes; {@link Integer#MAX_VALUE} for always */
	StorageConflicts(Identifier target, int times, Supplier<BaseServerResponseException> conflict) {
		this.target = target;
		this.times = times;
		this.conflict = conflict;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void maybeConflict(IBaseResource resource) {
		if (resource instanceof Observation observation && observation.getIdentifier().stream()
				.anyMatch(i -> target.getSystem().equals(i.getSystem()) && target.getValue().equals(i.getValue()))
				&& thrown.getAndUpdate(n -> n < times ? n + 1 : n) < times) {
			throw conflict.get();
		}
	}

	int thrown() {
		return thrown.get();
	}
}
