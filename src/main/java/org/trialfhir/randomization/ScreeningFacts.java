package org.trialfhir.randomization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the server knows about a patient at screening, as plain values (read from FHIR by {@link ScreeningReader}).
 *
 * @param latestPossibleBirthDate the birth date, or for a partial date (1950, 1950-03) its last possible day; null
 *     when unknown
 * @param activeSepsisCandidates the codings ({@code system|code}) of each active, not refuted Condition
 * @param jaamScores JAAM DIC scores (final, amended or corrected Observations with a valueInteger)
 * @param enrolments ids of the patient's ResearchSubjects in the study that record an enrolment (not only screening)
 * @param consents ids of the patient's Consents in force (active, not a refusal, within their period)
 * @param dicDiagnoses the diagnoses of the eligibility DIC score when it is not JAAM ({@link DicScore}); empty for JAAM,
 *     whose total is in {@code jaamScores}
 */
record ScreeningFacts(
		LocalDate latestPossibleBirthDate,
		List<Set<String>> activeSepsisCandidates,
		List<Score> jaamScores,
		List<String> enrolments,
		List<String> consents,
		List<Diagnosis> dicDiagnoses) {

	ScreeningFacts {
		activeSepsisCandidates = List.copyOf(activeSepsisCandidates);
		jaamScores = List.copyOf(jaamScores);
		enrolments = List.copyOf(enrolments);
		consents = List.copyOf(consents);
		dicDiagnoses = List.copyOf(dicDiagnoses);
	}

	/** Facts without diagnoses of another DIC score (the eligibility rule reads JAAM). */
	ScreeningFacts(LocalDate latestPossibleBirthDate, List<Set<String>> activeSepsisCandidates, List<Score> jaamScores,
			List<String> enrolments, List<String> consents) {
		this(latestPossibleBirthDate, activeSepsisCandidates, jaamScores, enrolments, consents, List.of());
	}

	/** A score with the time that places it: Observation.effective[x] (a period's end). */
	record Score(String observationId, int value, Instant effective) {}

	/**
	 * A score's diagnosis: its {@code <score>-diagnosis} component; {@code dic} false when the component is false or
	 * has no value (indeterminate).
	 */
	record Diagnosis(String observationId, boolean dic, Instant effective) {}

	/** The most recent score effective in {@code [from, to]}. */
	Optional<Score> latestJaam(Instant from, Instant to) {
		return jaamScores.stream()
				.filter(score -> !score.effective().isBefore(from) && !score.effective().isAfter(to))
				.max(Comparator.comparing(Score::effective));
	}
}
