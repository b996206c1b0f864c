package org.trialfhir.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catecholamines of SOFA-1996 cardiovascular (vasopressin and phenylephrine are not in it), with their RxNorm
 * codes from docs/scores-spec.md §2.2 and docs/api.md §4: clinical drug first, then ingredient.
 */
public enum Vasopressor {
	NOREPINEPHRINE("1745276", "7512"),
	EPINEPHRINE("1660013", "3992"),
	DOPAMINE("1743862", "3628"),
	DOBUTAMINE("1812167", "3616");

	public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	private final List<String> rxNormCodes;

	Vasopressor(String... rxNormCodes) {
		this.rxNormCodes = List.of(rxNormCodes);
	}

	public List<String> rxNormCodes() {
		return rxNormCodes;
	}

	public static Optional<Vasopressor> byRxNorm(String code) {
		return Arrays.stream(values()).filter(v -> v.rxNormCodes.contains(code)).findFirst();
	}
}
