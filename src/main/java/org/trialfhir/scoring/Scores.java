package org.trialfhir.scoring;

import java.util.List;

/** Entry point: all per-day scores of one patient-day, and the algorithm version to record with them. */
public final class Scores {

	/** Value of the {@code algorithm-version} extension on derived Observations. */
	public static final String ALGORITHM_VERSION = "trialfhir-scores-1.1.0";

	private Scores() {
	}

	/** SOFA, APACHE II, SIRS, JAAM, ISTH, JMHW and SOFA-2 for the day, in that order. */
	public static List<ScoreResult> all(DayInputs in) {
		return List.of(Sofa.score(in), ApacheII.score(in), Sirs.score(in), JaamDic.score(in), IsthDic.score(in),
				JmhwDic.score(in), Sofa2.score(in));
	}
}
