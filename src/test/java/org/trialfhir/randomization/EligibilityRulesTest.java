package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trialfhir.randomization.RandomizationProperties.Adult;
import org.trialfhir.randomization.RandomizationProperties.Eligibility;
import org.trialfhir.randomization.RandomizationProperties.JaamDic;
import org.trialfhir.randomization.RandomizationProperties.Rule;
import org.trialfhir.randomization.RandomizationProperties.Sepsis;

/** The default inclusion rules of docs/randomization.md "Eligibility", one at a time, and their configuration switches. */
class EligibilityRulesTest {

	static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
	static final Set<String> SEPSIS = Set.of("http://snomed.info/sct|91302008");
	static final Eligibility DEFAULTS = new Eligibility(null, null, null, null, null, null, null);

	/** Satisfies every default rule: sepsis, JAAM 4 an hour ago, 40 years old, not enrolled, consented. */
	static ScreeningFacts eligible() {
		return new ScreeningFacts(LocalDate.of(1986, 6, 15), List.of(SEPSIS),
				List.of(new ScreeningFacts.Score("j1", 4, NOW.minusSeconds(3600))), List.of(), List.of("c1"));
	}

	static List<Criterion> failed(ScreeningFacts facts) {
		return failed(facts, DEFAULTS);
	}

	static List<Criterion> failed(ScreeningFacts facts, Eligibility settings) {
		return new EligibilityRules(settings).failures(facts, NOW).stream().map(Ineligibility::criterion).toList();
	}

	@Test
	void theReferencePatientIsEligible() {
		assertThat(failed(eligible())).isEmpty();
	}

	@Test
	void sepsisNeedsAnActiveConditionWithAConfiguredCode() {
		assertThat(failed(withConditions(List.of()))).containsExactly(Criterion.SEPSIS);
		assertThat(failed(withConditions(List.of(Set.of("http://snomed.info/sct|67406007"))))) // DIC alone
				.containsExactly(Criterion.SEPSIS);
		assertThat(failed(withConditions(List.of(Set.of("http://snomed.info/sct|76571007"))))) // septic shock: listed
				.isEmpty();
		assertThat(failed(withConditions(List.of(Set.of("http://example.org/other|91302008"))))) // right code, wrong system
				.containsExactly(Criterion.SEPSIS);
	}

	@Test
	void jaamNeedsAScoreOfAtLeastFourWithinTheLast24Hours() {
		assertThat(failed(withJaam(3, NOW.minusSeconds(60)))).containsExactly(Criterion.JAAM_DIC); // 3 < 4
		assertThat(failed(withJaam(4, NOW.minus(Duration.ofHours(24))))).isEmpty(); // exactly 24 h ago: within
		assertThat(failed(withJaam(8, NOW.minus(Duration.ofHours(24)).minusSeconds(1)))) // one second too old
				.containsExactly(Criterion.JAAM_DIC);
		assertThat(failed(withJaam(5, NOW.plusSeconds(60)))).containsExactly(Criterion.JAAM_DIC); // not yet effective
		assertThat(failed(withJaam(4, NOW))).isEmpty();
	}

	@Test
	void anyQualifyingScoreInTheWindowCountsEvenIfALaterOneIsLower() {
		ScreeningFacts facts = new ScreeningFacts(LocalDate.of(1986, 6, 15), List.of(SEPSIS), List.of(
				new ScreeningFacts.Score("early", 5, NOW.minus(Duration.ofHours(10))),
				new ScreeningFacts.Score("late", 3, NOW.minus(Duration.ofHours(1)))), List.of(), List.of("c1"));
		assertThat(failed(facts)).isEmpty(); // "a JAAM DIC score >= 4 within the last 24 h"
		assertThat(facts.latestJaam(NOW.minus(Duration.ofHours(24)), NOW)).map(ScreeningFacts.Score::value).contains(3);
	}

	@Test
	void adultMeansEighteenCompletedYearsOnTheDayOfRandomization() {
		assertThat(failed(withBirthDate(LocalDate.of(2008, 6, 15)))).isEmpty(); // 18th birthday today
		assertThat(failed(withBirthDate(LocalDate.of(2008, 6, 16)))).containsExactly(Criterion.ADULT); // tomorrow
		assertThat(failed(withBirthDate(null))).containsExactly(Criterion.ADULT); // unknown: not shown to be adult
	}

	@Test
	void anExistingEnrolmentOrAMissingConsentFails() {
		ScreeningFacts enrolled = new ScreeningFacts(LocalDate.of(1986, 6, 15), List.of(SEPSIS),
				eligible().jaamScores(), List.of("rs-1"), List.of("c1"));
		assertThat(failed(enrolled)).containsExactly(Criterion.NOT_ENROLLED);
		ScreeningFacts unconsented = new ScreeningFacts(LocalDate.of(1986, 6, 15), List.of(SEPSIS),
				eligible().jaamScores(), List.of(), List.of());
		assertThat(failed(unconsented)).containsExactly(Criterion.CONSENT);
	}

	@Test
	void everyFailureIsReportedWithItsReason() {
		ScreeningFacts nothing = new ScreeningFacts(LocalDate.of(2010, 1, 1), List.of(), List.of(), List.of("rs-1"),
				List.of());
		List<Ineligibility> failures = new EligibilityRules(DEFAULTS).failures(nothing, NOW);
		assertThat(failures).extracting(Ineligibility::criterion).containsExactly(Criterion.SEPSIS, Criterion.JAAM_DIC,
				Criterion.ADULT, Criterion.NOT_ENROLLED, Criterion.CONSENT);
		assertThat(failures.get(2).toString()).isEqualTo("[adult] younger than 18 years (birth date 2010-01-01)");
		assertThat(failures.get(3).toString()).contains("ResearchSubject/rs-1");
	}

	@Test
	void eachRuleSwitchedOffLetsItsFailureThrough() {
		ScreeningFacts nothing = new ScreeningFacts(LocalDate.of(2010, 1, 1), List.of(), List.of(), List.of("rs-1"),
				List.of());
		Rule off = new Rule(false);
		assertThat(failed(nothing, new Eligibility(true, new Sepsis(false, null), null, null, null, null, null)))
				.doesNotContain(Criterion.SEPSIS).hasSize(4);
		assertThat(failed(nothing, new Eligibility(true, null, new JaamDic(false, null, null), null, null, null, null)))
				.doesNotContain(Criterion.JAAM_DIC).hasSize(4);
		assertThat(failed(nothing, new Eligibility(true, null, null, new Adult(false, null), null, null, null)))
				.doesNotContain(Criterion.ADULT).hasSize(4);
		assertThat(failed(nothing, new Eligibility(true, null, null, null, off, null, null)))
				.doesNotContain(Criterion.NOT_ENROLLED).hasSize(4);
		assertThat(failed(nothing, new Eligibility(true, null, null, null, null, off, null)))
				.doesNotContain(Criterion.CONSENT).hasSize(4);
		assertThat(failed(nothing, new Eligibility(false, null, null, null, null, null, null))).isEmpty();
	}

	@Test
	void thresholdsAndCodesAreConfigurable() {
		Eligibility strict = new Eligibility(true, new Sepsis(true, List.of("http://snomed.info/sct|76571007")),
				new JaamDic(true, 5, Duration.ofHours(12)), new Adult(true, 20), null, null, null);
		assertThat(failed(eligible(), strict)).containsExactly(Criterion.SEPSIS, Criterion.JAAM_DIC);
		assertThat(failed(withJaam(5, NOW.minus(Duration.ofHours(12))), strict)).containsExactly(Criterion.SEPSIS);
		assertThat(failed(withBirthDate(LocalDate.of(2006, 6, 16)), strict)).contains(Criterion.ADULT); // 19 y 364 d
	}

	@Test
	void withDicScoreSicTheCriterionIsARecentSicDiagnosisAndJaamNoLongerCounts() {
		Eligibility sic = new Eligibility(null, null, null, null, null, null, DicScore.SIC);
		// a JAAM 8 an hour ago, but no SIC score: not eligible, and the failure names sic
		List<Ineligibility> failures = new EligibilityRules(sic).failures(eligible(), NOW);
		assertThat(failures).extracting(Ineligibility::criterion).containsExactly(Criterion.SIC);
		assertThat(failures.get(0).reason()).contains("SIC", "sic-diagnosis", "24 h");
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minusSeconds(3600))), sic)).isEmpty();
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minus(Duration.ofHours(24)))), sic)).isEmpty(); // edge
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minus(Duration.ofHours(24)).minusSeconds(1))), sic))
				.containsExactly(Criterion.SIC);
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.plusSeconds(60))), sic)).containsExactly(Criterion.SIC);
		// false or indeterminate (read as false) in the window
		assertThat(failed(withDiagnoses(diagnosis(false, NOW.minusSeconds(60))), sic)).containsExactly(Criterion.SIC);
		// any positive one in the window qualifies, even when a later one is negative
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minus(Duration.ofHours(10))),
				diagnosis(false, NOW.minusSeconds(60))), sic)).isEmpty();
	}

	@Test
	void withDicScoreJaam2TheCriterionIsAJaam2DiagnosisInTheConfiguredWindowAndSwitch() {
		Eligibility jaam2 = new Eligibility(null, null, new JaamDic(null, null, Duration.ofHours(6)), null, null, null,
				DicScore.JAAM_2_DIC);
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minus(Duration.ofHours(6)))), jaam2)).isEmpty();
		assertThat(failed(withDiagnoses(diagnosis(true, NOW.minus(Duration.ofHours(7)))), jaam2))
				.containsExactly(Criterion.JAAM_2_DIC);
		Eligibility off = new Eligibility(null, null, new JaamDic(false, null, null), null, null, null,
				DicScore.JAAM_2_DIC);
		assertThat(failed(withDiagnoses(), off)).isEmpty();
	}

	private static ScreeningFacts.Diagnosis diagnosis(boolean dic, Instant effective) {
		return new ScreeningFacts.Diagnosis("d", dic, effective);
	}

	private static ScreeningFacts withDiagnoses(ScreeningFacts.Diagnosis... diagnoses) {
		ScreeningFacts base = eligible();
		return new ScreeningFacts(base.latestPossibleBirthDate(), base.activeSepsisCandidates(), base.jaamScores(),
				List.of(), List.of("c1"), List.of(diagnoses));
	}

	private static ScreeningFacts withConditions(List<Set<String>> conditions) {
		ScreeningFacts base = eligible();
		return new ScreeningFacts(base.latestPossibleBirthDate(), conditions, base.jaamScores(), List.of(), List.of("c1"));
	}

	private static ScreeningFacts withJaam(int value, Instant effective) {
		return new ScreeningFacts(LocalDate.of(1986, 6, 15), List.of(SEPSIS),
				List.of(new ScreeningFacts.Score("j", value, effective)), List.of(), List.of("c1"));
	}

	private static ScreeningFacts withBirthDate(LocalDate born) {
		return new ScreeningFacts(born, List.of(SEPSIS), eligible().jaamScores(), List.of(), List.of("c1"));
	}
}
