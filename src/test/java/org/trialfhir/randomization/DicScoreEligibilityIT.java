package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.randomization.RandomizationProperties.Eligibility;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * The DIC criterion reading SIC or JAAM-2 ({@code eligibility.dic-score}) against the store: the screening reader finds
 * the patient's recent scores of that code and reads their diagnosis component, and the rule decides on it. (The
 * shared test server runs with the default, JAAM; switching the key would cost a server of its own.)
 */
@TrialFhirServerTest
class DicScoreEligibilityIT {

	private static final String TRIAL_SCORE = ScreeningReader.TRIAL_SCORE_SYSTEM;

	@LocalServerPort
	int port;

	@Autowired
	ScreeningReader reader;

	@Test
	void aRecentSicDiagnosisMakesThePatientEligibleAndNothingElseDoes() {
		IGenericClient admin = FhirTestClient.fhir(port);
		Instant now = Instant.now();
		Patient positive = patient(admin);
		// a negative SIC 2 h ago, a positive one 5 h ago, a positive one 30 h ago (outside the window)
		score(admin, positive, "sic", 3, now.minus(Duration.ofHours(2)), "final", false);
		String inWindow = score(admin, positive, "sic", 5, now.minus(Duration.ofHours(5)), "final", true);
		score(admin, positive, "sic", 6, now.minus(Duration.ofHours(30)), "final", true);

		ScreeningFacts facts = facts(positive, now, DicScore.SIC);
		// the two of the window, read with their diagnosis
		assertThat(facts.dicDiagnoses()).hasSize(2);
		assertThat(facts.dicDiagnoses()).filteredOn(ScreeningFacts.Diagnosis::dic)
				.extracting(ScreeningFacts.Diagnosis::observationId).containsExactly(inWindow);
		assertThat(rules(DicScore.SIC).failures(facts, now)).extracting(Ineligibility::criterion)
				.doesNotContain(Criterion.SIC);

		Patient negative = patient(admin);
		// JAAM 8 and JAAM-2 positive, a preliminary positive SIC, an indeterminate SIC (no diagnosis value)
		score(admin, negative, "jaam-dic", 8, now.minus(Duration.ofHours(1)), "final", null);
		score(admin, negative, "jaam-2-dic", 6, now.minus(Duration.ofHours(1)), "final", true);
		score(admin, negative, "sic", 5, now.minus(Duration.ofHours(1)), "preliminary", true);
		score(admin, negative, "sic", 4, now.minus(Duration.ofHours(1)), "final", null);
		ScreeningFacts negativeFacts = facts(negative, now, DicScore.SIC);
		assertThat(negativeFacts.dicDiagnoses()).singleElement().satisfies(d -> assertThat(d.dic()).isFalse());
		assertThat(rules(DicScore.SIC).failures(negativeFacts, now)).extracting(Ineligibility::criterion)
				.contains(Criterion.SIC);
		// the same patient qualifies by JAAM-2, and by JAAM (the default)
		ScreeningFacts jaam2 = facts(negative, now, DicScore.JAAM_2_DIC);
		assertThat(rules(DicScore.JAAM_2_DIC).failures(jaam2, now)).extracting(Ineligibility::criterion)
				.doesNotContain(Criterion.JAAM_2_DIC);
		ScreeningFacts jaam = facts(negative, now, DicScore.JAAM_DIC);
		assertThat(jaam.dicDiagnoses()).isEmpty();
		assertThat(rules(DicScore.JAAM_DIC).failures(jaam, now)).extracting(Ineligibility::criterion)
				.doesNotContain(Criterion.JAAM_DIC);
	}

	private ScreeningFacts facts(Patient patient, Instant now, DicScore score) {
		return reader.facts(patient, "no-such-study", now.minus(Duration.ofHours(24)), now, score);
	}

	private static EligibilityRules rules(DicScore score) {
		return new EligibilityRules(new Eligibility(null, null, null, null, null, null, score));
	}

	private Patient patient(IGenericClient admin) {
		IdType id = (IdType) admin.create().resource(TrialFixtures.patient("dic-" + System.nanoTime(),
				LocalDate.of(1960, 1, 1))).execute().getId();
		return reader.patient(id.toUnqualifiedVersionless()).orElseThrow();
	}

	/** A site-computed screening score; {@code diagnosis} null = its diagnosis component absent (indeterminate). */
	private static String score(IGenericClient admin, Patient patient, String code, int total, Instant effective,
			String status, Boolean diagnosis) {
		Observation o = new Observation();
		o.setStatus(Observation.ObservationStatus.fromCode(status));
		o.setCode(new CodeableConcept(new Coding(TRIAL_SCORE, code, null)));
		o.setSubject(new Reference("Patient/" + patient.getIdElement().getIdPart()));
		o.setEffective(new DateTimeType(Date.from(effective)));
		o.setValue(new IntegerType(total));
		if (!"jaam-dic".equals(code)) {
			Observation.ObservationComponentComponent c = o.addComponent()
					.setCode(new CodeableConcept(new Coding(TRIAL_SCORE, code + "-diagnosis", null)));
			if (diagnosis == null) {
				c.setDataAbsentReason(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));
			} else {
				c.setValue(new BooleanType(diagnosis));
			}
		}
		return admin.create().resource(o).execute().getId().getIdPart();
	}
}
