package org.trialfhir.randomization;

/** A failed eligibility criterion and why it failed. */
record Ineligibility(Criterion criterion, String reason) {

	@Override
	public String toString() {
		return "[" + criterion.code + "] " + reason;
	}
}
