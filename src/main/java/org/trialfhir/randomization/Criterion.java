package org.trialfhir.randomization;

/** An eligibility criterion of $randomize; the code names it in a 422 answer and in configuration. */
enum Criterion {
	SEPSIS("sepsis"),
	JAAM_DIC("jaam-dic"),
	/** The DIC criterion when it reads JAAM-2 ({@code eligibility.dic-score: jaam-2-dic}). */
	JAAM_2_DIC("jaam-2-dic"),
	/** The DIC criterion when it reads SIC ({@code eligibility.dic-score: sic}). */
	SIC("sic"),
	ADULT("adult"),
	NOT_ENROLLED("not-enrolled"),
	CONSENT("consent");

	final String code;

	Criterion(String code) {
		this.code = code;
	}
}
