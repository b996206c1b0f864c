package org.trialfhir.randomization;

/** An eligibility criterion of $randomize; the code names it in a 422 answer and in configuration. */
enum Criterion {
	SEPSIS("sepsis"),
	JAAM_DIC("jaam-dic"),
	ADULT("adult"),
	NOT_ENROLLED("not-enrolled"),
	CONSENT("consent");

	final String code;

	Criterion(String code) {
		this.code = code;
	}
}
