package org.trialfhir.ingest.pull;

import java.util.ArrayList;
import java.util.List;

/** Tallies of one source's pull run (one thread). */
final class PullCounts {

	final String source;
	int fetched;
	int created;
	int updated;
	int unchanged;
	int rejected;
	int errors;
	final List<String> notes = new ArrayList<>();

	PullCounts(String source) {
		this.source = source;
	}

	SourceReport report() {
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
	record SourceReport(String source, int fetched, int created, int updated, int unchanged, int rejected, int errors,
			List<String> notes) {}
}
