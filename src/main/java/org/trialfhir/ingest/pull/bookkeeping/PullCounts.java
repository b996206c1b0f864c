package org.trialfhir.ingest.pull.bookkeeping;

import java.util.ArrayList;
import java.util.List;

/** Tallies of one source's pull run (one thread). */
public final class PullCounts {

	private final String source;
	private int fetched;
	private int created;
	private int updated;
	private int unchanged;
	private int rejected;
	private int errors;
	private final List<String> notes = new ArrayList<>();

	public PullCounts(String source) {
		this.source = source;
	}

	public String source() {
		return source;
	}

	public void countFetched() {
		fetched++;
	}

	public void countCreated() {
		created++;
	}

	public void countUpdated() {
		updated++;
	}

	public void countUnchanged() {
		unchanged++;
	}

	public void countRejected() {
		rejected++;
	}

	/** A resource that was malformed or refused; its issue is recorded, not noted. */
	public void countError() {
		errors++;
	}

	/** An error the counts alone would not explain: a subject or export that failed, an interrupted run. */
	public void error(String note) {
		errors++;
		notes.add(note);
	}

	/** Something the counts do not say, that is not an error. */
	public void note(String note) {
		notes.add(note);
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
	public record SourceReport(String source, int fetched, int created, int updated, int unchanged, int rejected,
			int errors, List<String> notes) {}
}
