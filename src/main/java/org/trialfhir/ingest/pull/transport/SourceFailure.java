package org.trialfhir.ingest.pull.transport;

/** A call to a source failed for good: not retryable, or still failing after the last attempt. */
public final class SourceFailure extends RuntimeException {

	final Fault fault;

	SourceFailure(String what, Fault fault, int attempts, Throwable cause) {
		super(what + " failed (" + fault.tag() + ", " + attempts + (attempts == 1 ? " attempt" : " attempts") + "): "
				+ cause.getMessage(), cause);
		this.fault = fault;
	}
}
