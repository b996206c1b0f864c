package org.trialfhir.completeness;

import java.util.Locale;

/** The status of a row of {@code $completeness}: an expected item of a subject's day, or a finding. */
enum ItemStatus {
	RECEIVED,
	MISSING,
	NOT_YET_DUE,
	NOT_APPLICABLE,
	IMPLAUSIBLE,
	SCORE_PARTIAL,
	SCORE_INDETERMINATE;

	/** As written in every output: {@code not-yet-due}. */
	String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** A finding (a coordinator acts on it) rather than the plain state of an expected item. */
	boolean finding() {
		return this == MISSING || this == IMPLAUSIBLE || this == SCORE_PARTIAL || this == SCORE_INDETERMINATE;
	}

	/** An expected item's own row (counted in the summaries), as opposed to a finding about values or scores. */
	boolean expectedItem() {
		return ordinal() <= NOT_APPLICABLE.ordinal();
	}
}
