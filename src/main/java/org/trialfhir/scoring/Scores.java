package org.trialfhir.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point: the per-day scores of one patient-day, the codes a client may select, and the algorithm version. */
public final class Scores {

	/** Value of the {@code algorithm-version} extension on derived Observations. */
	public static final String ALGORITHM_VERSION = "trialfhir-scores-1.1.0";

	/**
	 * Every score code of CodeSystem trial-score a client may select ({@code $derive-scores} {@code score},
	 * {@code $analyze} {@code variable}), in the order of docs/api.md §2.4, with its display name.
	 */
	public static final Map<String, String> NAMES = names("sofa", "SOFA", "apache-ii", "APACHE II", "sirs", "SIRS",
			"jaam-dic", "JAAM DIC", "isth-dic", "ISTH DIC", "jmhw-dic", "JMHW DIC", "sic", "SIC", "jaam-2-dic",
			"JAAM-2 DIC", "sofa-2", "SOFA-2");

	/** The codes of {@link #NAMES}, in order. */
	public static final List<String> CODES = List.copyOf(NAMES.keySet());

	/** The six original scores: what {@code $analyze} compares when no variable is given. */
	public static final List<String> ORIGINAL_SIX = CODES.subList(0, 6);

	private Scores() {
	}

	/** SOFA, APACHE II, SIRS, JAAM, ISTH, JMHW, SIC, JAAM-2 and SOFA-2 for the day, in that order. */
	public static List<ScoreResult> all(DayInputs in) {
		SofaResult sofa = Sofa.score(in);
		return List.of(sofa, ApacheII.score(in), Sirs.score(in), JaamDic.score(in), IsthDic.score(in),
				JmhwDic.score(in), Sic.score(in, sofa), Jaam2Dic.score(in), Sofa2.score(in));
	}

	private static Map<String, String> names(String... codeAndName) {
		Map<String, String> names = new LinkedHashMap<>();
		for (int i = 0; i < codeAndName.length; i += 2) {
			names.put(codeAndName[i], codeAndName[i + 1]);
		}
		return Collections.unmodifiableMap(names);
	}
}
