package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trialfhir.hapisql.Enrolment;

/** How FHIR values become screening facts: Condition and Consent status, partial birth dates. */
class ScreeningValuesTest {

	static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

	@ParameterizedTest(name = "clinical {0}, verification {1} → active {2}")
	@CsvSource({
		"active, confirmed, true",
		"recurrence, confirmed, true",
		"relapse, provisional, true",
		"active, , true", // verification status is optional
		"resolved, confirmed, false",
		"inactive, confirmed, false",
		"active, refuted, false",
		"active, entered-in-error, false",
		", , false"}) // no clinical status: not shown to be current
	void conditionIsCurrentWhenActiveAndNotRefuted(String clinical, String verification, boolean active) {
		Condition condition = new Condition();
		if (clinical != null) {
			condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical));
		}
		if (verification != null) {
			condition.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status",
					verification));
		}
		assertThat(ConditionStatus.isActive(condition)).isEqualTo(active);
	}

	@ParameterizedTest(name = "{0}, scope {1}, {2}, period {3}..{4} → in force {5}")
	@CsvSource({
		"active, research, permit, , , true",
		"active, , permit, , , true", // no coded scope of consentscope: accepted
		"active, research, , , , true", // no provision type: not a refusal
		"active, research, deny, , , false", // an active refusal
		"active, treatment, permit, , , false", // a treatment consent is not trial consent
		"active, patient-privacy, permit, , , false",
		"inactive, research, permit, , , false",
		"rejected, research, permit, , , false",
		"proposed, research, permit, , , false",
		"active, research, permit, 2026-06-01T00:00:00Z, 2026-07-01T00:00:00Z, true",
		"active, research, permit, 2026-06-16T00:00:00Z, , false", // not yet
		"active, research, permit, , 2026-06-15T12:00:00Z, false"}) // ended exactly now
	void consentIsInForceWhenActiveResearchPermitWithinItsPeriod(String status, String scope, String type,
			String start, String end, boolean inForce) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.fromCode(status));
		if (scope != null) {
			consent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", scope));
		}
		if (type != null) {
			consent.getProvision().setType(Consent.ConsentProvisionType.fromCode(type));
		}
		Period period = new Period();
		if (start != null) {
			period.setStart(Date.from(Instant.parse(start)));
		}
		if (end != null) {
			period.setEnd(Date.from(Instant.parse(end)));
		}
		consent.getProvision().setPeriod(period);
		assertThat(ConsentStatus.isInForce(consent, NOW)).isEqualTo(inForce);
	}

	@ParameterizedTest(name = "birthDate {0} → latest possible {1}")
	@CsvSource({
		"1950-03-15, 1950-03-15",
		"1950-03, 1950-03-31",
		"1950-02, 1950-02-28",
		"1952-02, 1952-02-29", // leap year
		"1950, 1950-12-31"})
	void aPartialBirthDateCountsAsItsLastPossibleDay(String birthDate, String latest) {
		Patient patient = new Patient().setBirthDateElement(new DateType(birthDate));
		assertThat(ScreeningReader.latestPossibleBirthDate(patient)).isEqualTo(LocalDate.parse(latest));
	}

	@ParameterizedTest(name = "{0}, arm {1} → enrolled {2}")
	@CsvSource({
		"screening, , false",
		"candidate, , false",
		"potential-candidate, , false",
		"eligible, , false",
		"ineligible, , false", // screened out once; may be screened again
		"pending-on-study, , false",
		"not-registered, , false",
		"on-study, rTM, true",
		"on-study, , true",
		"follow-up, control, true",
		"withdrawn, rTM, true", // withdrawal ends the subject; it never allows a second randomization
		"off-study, , true",
		"screening, control, true"}) // an arm means an allocation happened
	void whatCountsAsAnEnrolment(String status, String arm, boolean enrolment) {
		org.hl7.fhir.r4.model.ResearchSubject subject = new org.hl7.fhir.r4.model.ResearchSubject()
				.setStatus(org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus.fromCode(status))
				.setAssignedArm(arm);
		assertThat(ScreeningReader.isEnrolment(Enrolment.of(subject))).isEqualTo(enrolment);
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}
}
