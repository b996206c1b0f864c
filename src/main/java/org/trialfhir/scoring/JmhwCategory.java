package org.trialfhir.scoring;

/** JMHW judgement, codes as docs/api.md §5.1 {@code jmhw-dic-category}. */
public enum JmhwCategory {
	DIC("dic"),
	SUSPECTED("suspected"),
	UNLIKELY("unlikely");

	private final String code;

	JmhwCategory(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
