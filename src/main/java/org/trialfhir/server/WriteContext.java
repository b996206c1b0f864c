package org.trialfhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.micrometer.core.instrument.Timer;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One resource's write as a {@link WriteStep} sees it.
 *
 * @param kind create, update or delete
 * @param previous the stored version an update replaces; null on create and delete
 * @param resource the version being written, or the one being deleted
 * @param request the request HAPI writes for: a client's, or the server's own ({@code SystemRequestDetails}, null)
 * @param timer the step's timer, for the work it defers to the commit (a row inserted just before it)
 */
public record WriteContext(Kind kind, IBaseResource previous, IBaseResource resource, RequestDetails request,
		Timer timer) {

	public enum Kind {
		CREATE, UPDATE, DELETE
	}
}
