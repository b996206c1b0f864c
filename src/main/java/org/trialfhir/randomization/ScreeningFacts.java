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
 */
record ScreeningFacts(
		LocalDate latestPossibleBirthDate,
		List<Set<String>> activeSepsisCandidates,
		List<Score> jaamScores,
		List<String> enrolments,
		List<String> consents) {

	ScreeningFacts {
		activeSepsisCandidates = List.copyOf(activeSepsisCandidates);
		jaamScores = List.copyOf(jaamScores);
		enrolments = List.copyOf(enrolments);
		consents = List.copyOf(consents);
	}

	/** A score with the time that places it: Observation.effective[x] (a period's end). */
	record Score(String observationId, int value, Instant effective) {}

	/** The most recent score effective in {@code [from, to]}. */
	Optional<Score> latestJaam(Instant from, Instant to) {
		return jaamScores.stream()
				.filter(score -> !score.effective().isBefore(from) && !score.effective().isAfter(to))
				.max(Comparator.comparing(Score::effective));
	}
}
