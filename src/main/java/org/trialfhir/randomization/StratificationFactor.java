package org.trialfhir.randomization;

import java.util.Arrays;
import java.util.Optional;

/** What a stratum may be defined by; the codes are those of configuration and of the stratification-factor extension. */
enum StratificationFactor {
	/** The enrolling site: identifier value of system http://trialfhir.org/fhir/sid/site. */
	SITE("site"),
	/** The baseline JAAM DIC score, split at the configured cut-off (default: below 6, 6 or more). */
	BASELINE_JAAM("baseline-jaam");

	final String code;

	StratificationFactor(String code) {
		this.code = code;
	}

	static Optional<StratificationFactor> ofCode(String code) {
		return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
	}
}
