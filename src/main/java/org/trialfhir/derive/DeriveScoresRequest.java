package org.trialfhir.derive;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.studyday.StudyDays;

/**
 * The validated parameters of {@code $derive-scores}: {@code day} (study day 1 to {@link StudyDays#LAST_DAY}, 0..*;
 * default every day from 1 that has data) and {@code score} (code of CodeSystem trial-score, 0..*; default every score).
 */
record DeriveScoresRequest(DaySelection days, Set<String> scores) {

	static DeriveScoresRequest from(List<IntegerType> dayParameters, List<CodeType> scoreParameters) {
		TreeSet<Integer> days = new TreeSet<>();
		for (IntegerType day : nullToEmpty(dayParameters)) {
			if (day == null || day.getValue() == null || day.getValue() < 1 || day.getValue() > StudyDays.LAST_DAY) {
				throw TrialFhirException.invalid("Parameters.parameter.where(name = 'day')",
						"day must be a study day from 1 to " + StudyDays.LAST_DAY
								+ " (study day N is [T0 + 24(N−1) h, T0 + 24N h)); got "
								+ (day == null ? null : day.getValueAsString()));
			}
			days.add(day.getValue());
		}
		Set<String> scores = new LinkedHashSet<>();
		for (CodeType score : nullToEmpty(scoreParameters)) {
			String code = score == null ? null : score.getValue();
			if (!ScoreDerivation.SCORE_CODES.contains(code)) {
				throw TrialFhirException.invalid("Parameters.parameter.where(name = 'score')", "unknown score '" + code
						+ "'; use one of " + String.join(", ", ScoreDerivation.SCORE_CODES));
			}
			scores.add(code);
		}
		return new DeriveScoresRequest(days.isEmpty() ? DaySelection.everyDayWithData() : DaySelection.days(days),
				scores.isEmpty() ? Set.copyOf(ScoreDerivation.SCORE_CODES) : Set.copyOf(scores));
	}

	private static <T> List<T> nullToEmpty(List<T> list) {
		return list == null ? List.of() : list;
	}
}
