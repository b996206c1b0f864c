package org.trialfhir.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Whether HAPI is working for a client of the REST API (a request, or one entry of its transaction or batch) or for
 * the server itself: the server's own reads and writes pass a {@link SystemRequestDetails}, or no request at all. A
 * write the server makes later on a client's behalf ({@code $import}'s chunks) is marked with
 * {@link #onBehalfOfClient}, so that every rule for clients applies to it too.
 */
public final class ClientRequests {

	private static final String ON_BEHALF_OF_CLIENT = ClientRequests.class.getName() + ".onBehalfOfClient";

	private ClientRequests() {}

	public static boolean isClient(RequestDetails request) {
		return request != null && (request.getUserData().containsKey(ON_BEHALF_OF_CLIENT)
				|| !(request instanceof SystemRequestDetails) && request.getServer() != null);
	}

	/** Marks a request the server sends for a client (run under {@link CurrentToken#callAs}). */
	public static <R extends RequestDetails> R onBehalfOfClient(R request) {
		request.getUserData().put(ON_BEHALF_OF_CLIENT, Boolean.TRUE);
		return request;
	}
}
