package org.trialfhir.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Whether HAPI is working for a client of the REST API (a request, or one entry of its transaction or batch) or for
 * the server itself: the server's own reads and writes pass a {@link SystemRequestDetails}, or no request at all.
 */
public final class ClientRequests {

	private ClientRequests() {}

	public static boolean isClient(RequestDetails request) {
		return request != null && !(request instanceof SystemRequestDetails) && request.getServer() != null;
	}
}
