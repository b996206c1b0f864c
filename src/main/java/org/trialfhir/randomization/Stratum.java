package org.trialfhir.randomization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * One stratum of a study, named by its factor values in a fixed order, e.g. {@code site=site-a|baseline-jaam=ge6}.
 * Each stratum has its own allocation list. A study without stratification has the single stratum {@code all}.
 */
record Stratum(String key) {

	static final String UNSTRATIFIED = "all";

	/**
	 * @param site the site identifier value; needed only when stratifying by site
	 * @param baselineJaam the baseline JAAM DIC score; needed only when stratifying by it
	 * @param jaamCutOff scores below it form one stratum, scores at or above it the other
	 */
	static Stratum of(Collection<StratificationFactor> factors, String site, Integer baselineJaam, int jaamCutOff) {
		EnumSet<StratificationFactor> used = factors.isEmpty()
				? EnumSet.noneOf(StratificationFactor.class) : EnumSet.copyOf(factors); // enum order: a stable key
		List<String> parts = new ArrayList<>();
		for (StratificationFactor factor : used) {
			switch (factor) {
				case SITE -> parts.add("site=" + require(site, factor));
				case BASELINE_JAAM -> parts.add("baseline-jaam="
						+ (require(baselineJaam, factor) < jaamCutOff ? "lt" : "ge") + jaamCutOff);
			}
		}
		return new Stratum(parts.isEmpty() ? UNSTRATIFIED : String.join("|", parts));
	}

	private static <T> T require(T value, StratificationFactor factor) {
		if (value == null) {
			throw new IllegalArgumentException("no value for stratification factor " + factor.code);
		}
		return value;
	}
}
