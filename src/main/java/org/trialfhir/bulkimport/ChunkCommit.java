package org.trialfhir.bulkimport;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * Runs a chunk's done mark inside HAPI's database transaction of the chunk, after its last entry is written: HAPI's
 * system transaction refuses to join a transaction of ours, so the mark joins HAPI's instead. If the mark fails, the
 * chunk's resources are rolled back with it; if the transaction fails, the mark is rolled back with the resources.
 */
@Component
@Interceptor
class ChunkCommit implements FhirStorageInterceptor {

	private static final String ON_PROCESSED = ChunkCommit.class.getName() + ".onProcessed";

	/** The action to run, with HAPI's response bundle, in the transaction of this request. */
	static void inTransaction(RequestDetails request, Consumer<Bundle> action) {
		request.getUserData().put(ON_PROCESSED, action);
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
	@SuppressWarnings("unchecked")
	public void processed(RequestDetails request, IBaseBundle response) {
		if (request != null && request.getUserData().get(ON_PROCESSED) instanceof Consumer<?> action) {
			((Consumer<Bundle>) action).accept((Bundle) response);
		}
	}
}
