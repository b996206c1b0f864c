package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.trialfhir.scoring.Scores;
import org.trialfhir.units.TrialVariable;

/**
 * A variable {@code $analyze} compares by day: a derived score (CodeSystem trial-score, one of {@link Scores#CODES}) or a measured lab or vital
 * ({@link TrialVariable}, any of its codes). It is named as the client named it ({@link #system}|{@link #code}).
 *
 * @param measured the measured variable; null for a derived score
 */
public record AnalysisVariable(String system, String code, String label, TrialVariable measured) {

	public static final String TRIAL_SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";
	public static final String JAAM_DIC = "jaam-dic";
	/** The identifier system of derived scores, whose value is {@code <ResearchSubject id>-<score>-<day>}. */
	public static final String DERIVED_SCORE_SYSTEM = "http://trialfhir.org/fhir/derived-score";

	/** The DIC scores whose diagnosis {@code dic-resolution} can follow ({@code resolution-score}), default first. */
	static final List<String> RESOLUTION_SCORES = List.of(JAAM_DIC, "jaam-2-dic", "sic", "isth-dic");

	public boolean isScore() {
		return measured == null;
	}

	/** {@code system|code}, as in the {@code variable} parameter and the CSV output. */
	public String token() {
		return system + "|" + code;
	}

	/** docs/api.md §5.2 default: the six original score codes and platelets http://loinc.org|777-3. */
	public static List<AnalysisVariable> defaults() {
		List<AnalysisVariable> variables = new ArrayList<>();
		Scores.ORIGINAL_SIX.forEach(code -> variables.add(score(code)));
		variables.add(measured(TrialVariable.LOINC, "777-3", TrialVariable.PLATELETS));
		return variables;
	}

	static AnalysisVariable score(String code) {
		return new AnalysisVariable(TRIAL_SCORE, code, Scores.NAMES.get(code), null);
	}

	/**
	 * Parses {@code system|code}; a bare code is accepted when it is a score code or a code of one trial variable.
	 * Empty when nothing matches.
	 */
	static Optional<AnalysisVariable> parse(String token) {
		String text = token.trim();
		int bar = text.indexOf('|');
		String system = bar < 0 ? null : text.substring(0, bar);
		String code = bar < 0 ? text : text.substring(bar + 1);
		if (code.isEmpty()) {
			return Optional.empty();
		}
		if ((system == null || system.equals(TRIAL_SCORE)) && Scores.NAMES.containsKey(code)) {
			return Optional.of(score(code));
		}
		if (system != null) {
			return TrialVariable.byCode(system, code).map(v -> measured(system, code, v));
		}
		return TrialVariable.byCode(TrialVariable.LOINC, code).map(v -> measured(TrialVariable.LOINC, code, v))
				.or(() -> TrialVariable.byCode(TrialVariable.TRIAL_LAB, code)
						.map(v -> measured(TrialVariable.TRIAL_LAB, code, v)));
	}

	static List<String> scoreCodes() {
		return Scores.CODES;
	}

	private static AnalysisVariable measured(String system, String code, TrialVariable variable) {
		return new AnalysisVariable(system, code, variable.id() + " (" + variable.canonicalUnit() + ")", variable);
	}
}
