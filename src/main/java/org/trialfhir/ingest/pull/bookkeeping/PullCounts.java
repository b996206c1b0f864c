package org.trialfhir.ingest.pull.bookkeeping;

import java.util.ArrayList;
import java.util.List;

/** Tallies of one source's pull run (one thread). */
public final class PullCounts {

	public final String source;
	public int fetched;
	public int created;
	public int updated;
	public int unchanged;
	public int rejected;
	public int errors;
	public final List<String> notes = new ArrayList<>();

	public PullCounts(String source) {
		this.source = source;
	}

	public SourceReport report() {
		return new SourceReport(source, fetched, created, updated, unchanged, rejected, errors, List.copyOf(notes));
	}

	/**
	 * What one pull did with one source, as returned by {@code $pull}.
	 *
	 * @param fetched Observations received in the trial's scope (followed codes, from T0 − 24 h)
	 * @param created new in our server
	 * @param updated changed since the last pull (new version)
	 * @param unchanged already stored exactly so
	 * @param rejected unit not accepted for the variable (recorded with the reason)
	 * @param errors malformed or refused resources, and subjects or exports that failed
	 * @param notes what the counts do not say
	 */
	public record SourceReport(String source, int fetched, int created, int updated, int unchanged, int rejected, int errors,
			List<String> notes) {}
}
