package org.trialfhir.stats;

/** How a p-value was obtained, labelled as the contract's {@code *-method} parts expect. */
public enum TestMethod {
	/** Exact permutation distribution (R: "Wilcoxon ... exact test"). */
	EXACT("exact"),
	/** Normal approximation with tie correction and continuity correction (R: "... with continuity correction"). */
	NORMAL_CC("normal-cc");

	private final String label;

	TestMethod(String label) {
		this.label = label;
	}

	/** {@code exact} or {@code normal-cc}. */
	public String label() {
		return label;
	}
}
