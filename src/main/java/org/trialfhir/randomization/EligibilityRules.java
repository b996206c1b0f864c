package org.trialfhir.randomization;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.trialfhir.randomization.RandomizationProperties.Eligibility;

/**
 * The inclusion rules of the trial, each switchable in configuration: an active sepsis Condition, DIC within the last
 * 24 h (by default a screening JAAM DIC score ≥ 4; or a JAAM-2 DIC or SIC diagnosis, {@code dic-score}), age ≥ 18
 * years, not enrolled yet, an active Consent.
 */
final class EligibilityRules {

	private final Eligibility settings;

	EligibilityRules(Eligibility settings) {
		this.settings = settings;
	}

	/** Every failed criterion; empty when the patient is eligible. */
	List<Ineligibility> failures(ScreeningFacts facts, Instant now) {
		List<Ineligibility> failures = new ArrayList<>();
		if (!settings.enabled()) {
			return failures;
		}
		if (settings.sepsis().enabled() && !hasSepsis(facts)) {
			failures.add(new Ineligibility(Criterion.SEPSIS,
					"no active Condition coded as sepsis (one of " + settings.sepsis().codes() + ")"));
		}
		if (settings.jaamDic().enabled()) {
			(settings.dicScore() == DicScore.JAAM_DIC ? jaamFailure(facts, now) : diagnosisFailure(facts, now))
					.ifPresent(failures::add);
		}
		if (settings.adult().enabled()) {
			adultFailure(facts, now).ifPresent(failures::add);
		}
		if (settings.notEnrolled().enabled() && !facts.enrolments().isEmpty()) {
			failures.add(new Ineligibility(Criterion.NOT_ENROLLED,
					"already enrolled in this study as ResearchSubject/" + facts.enrolments().get(0)));
		}
		if (settings.consent().enabled() && facts.consents().isEmpty()) {
			failures.add(new Ineligibility(Criterion.CONSENT, "no active Consent for the patient"));
		}
		return failures;
	}

	private boolean hasSepsis(ScreeningFacts facts) {
		Set<String> accepted = Set.copyOf(settings.sepsis().codes());
		return facts.activeSepsisCandidates().stream().anyMatch(codes -> codes.stream().anyMatch(accepted::contains));
	}

	private Optional<Ineligibility> jaamFailure(ScreeningFacts facts, Instant now) {
		RandomizationProperties.JaamDic rule = settings.jaamDic();
		Instant from = now.minus(rule.window());
		boolean qualifies = facts.jaamScores().stream().anyMatch(score -> score.value() >= rule.minimum()
				&& !score.effective().isBefore(from) && !score.effective().isAfter(now));
		if (qualifies) {
			return Optional.empty();
		}
		String latest = facts.latestJaam(from, now).map(s -> " (latest in the window: " + s.value() + ")").orElse("");
		return Optional.of(new Ineligibility(Criterion.JAAM_DIC, "no JAAM DIC score ≥ " + rule.minimum()
				+ " effective within the last " + rule.window().toHours() + " h" + latest));
	}

	/** JAAM-2 DIC or SIC: any score of the window whose diagnosis is true (an indeterminate one does not count). */
	private Optional<Ineligibility> diagnosisFailure(ScreeningFacts facts, Instant now) {
		DicScore score = settings.dicScore();
		Duration window = settings.jaamDic().window();
		Instant from = now.minus(window);
		List<ScreeningFacts.Diagnosis> inWindow = facts.dicDiagnoses().stream()
				.filter(d -> !d.effective().isBefore(from) && !d.effective().isAfter(now)).toList();
		if (inWindow.stream().anyMatch(ScreeningFacts.Diagnosis::dic)) {
			return Optional.empty();
		}
		String seen = inWindow.isEmpty() ? "" : " (" + inWindow.size() + " " + score.label + " score(s) in the window, "
				+ "none with " + score.diagnosisComponent() + " true)";
		return Optional.of(new Ineligibility(score.criterion, "no " + score.label + " diagnosis (component "
				+ score.diagnosisComponent() + " true) effective within the last " + window.toHours() + " h" + seen));
	}

	private Optional<Ineligibility> adultFailure(ScreeningFacts facts, Instant now) {
		int minimumAge = settings.adult().minimumAge();
		LocalDate born = facts.latestPossibleBirthDate();
		if (born == null) {
			return Optional.of(new Ineligibility(Criterion.ADULT, "birth date unknown"));
		}
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		if (born.plusYears(minimumAge).isAfter(today)) {
			return Optional.of(new Ineligibility(Criterion.ADULT,
					"younger than " + minimumAge + " years (birth date " + born + ")"));
		}
		return Optional.empty();
	}
}
