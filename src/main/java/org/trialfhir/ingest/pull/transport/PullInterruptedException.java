package org.trialfhir.ingest.pull.transport;

/**
 * The pull was asked to stop (server shutdown): thrown where a pull waits or between pages, and caught once per
 * source run, which keeps its cursors for the next run.
 */
public final class PullInterruptedException extends RuntimeException {

	public PullInterruptedException() {
		super("pull interrupted");
	}
}
