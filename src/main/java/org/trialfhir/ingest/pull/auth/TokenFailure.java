package org.trialfhir.ingest.pull.auth;

/** No token could be had from a source's token endpoint. */
public final class TokenFailure extends RuntimeException {

	private final boolean transientFailure;

	TokenFailure(String message, boolean transientFailure) {
		super(message);
		this.transientFailure = transientFailure;
	}

	/** True when trying again later may help (the endpoint was unreachable or failed), false when it refused us. */
	public boolean isTransient() {
		return transientFailure;
	}
}
