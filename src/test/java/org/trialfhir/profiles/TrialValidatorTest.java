package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.Observations.claiming;
import static org.trialfhir.profiles.Observations.lab;
import static org.trialfhir.profiles.Observations.measured;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;
import static org.trialfhir.profiles.TrialCanonicals.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.trialfhir.profiles.TrialValidationResult.Issue;

class TrialValidatorTest {

	@Test
	void anObservationWithAnUnknownCodeAndNoTrialClaimIsNotRejected() {
		// glucose is not a trial variable; 'mg' would be refused for any trial variable
		Observation glucose = lab("2345-7", 5.5, "mg");

		assertThat(VALIDATOR.validate(glucose).errors()).isEmpty();
		assertThat(VALIDATOR.profileFor(glucose)).isEmpty();
		assertThat(VALIDATOR.validateEnrolledObservation(glucose).errors()).isEmpty();
	}

	@Test
	void aTrialVariableWithoutATrialClaimIsCheckedOnlyAgainstTheBaseSpec() {
		assertThat(VALIDATOR.validate(lab("777-3", 8.4, "mg")).errors()).isEmpty();
	}

	@Test
	void theUnitRuleFollowsTheRequestedProfile() {
		Observation platelets = lab("777-3", 8.4, "mg");

		assertThat(VALIDATOR.validate(platelets, TRIAL_LAB_RESULT).errors()).containsExactly(new Issue(
				TrialValidationResult.Severity.ERROR, "Observation.valueQuantity.code",
				"unit 'mg' is not accepted for platelets (LOINC 777-3); use 10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL or /mm3"));
	}

	@Test
	void theUnitRuleFollowsAVersionedClaim() {
		Observation platelets = claiming(lab("777-3", 8.4, "mg"), TRIAL_LAB_RESULT + "|0.1.0");

		assertThat(VALIDATOR.validate(platelets).errors()).extracting(Issue::location)
				.containsExactly("Observation.valueQuantity.code");
	}

	@Test
	void anEnrolledSubjectsPlateletsInMgAreRejectedWithoutAnyClaim() {
		assertThat(VALIDATOR.validateEnrolledObservation(lab("777-3", 8.4, "mg")).errors()).extracting(Issue::location)
				.containsExactly("Observation.valueQuantity.code");
	}

	/** Units per docs/scores-spec.md §2 (accepted) and plausible mistakes (refused), checked through the whole validator. */
	@ParameterizedTest(name = "{0} {1} {2} -> accepted={3}")
	@CsvSource({
		"laboratory, 777-3, 10*9/L, true", "laboratory, 777-3, 10*3/uL, true", "laboratory, 777-3, 10*3/mm3, true",
		"laboratory, 777-3, 10*4/uL, true", "laboratory, 777-3, /uL, true", "laboratory, 777-3, /mm3, true",
		"laboratory, 26515-7, 10*4/uL, true", "laboratory, 777-3, 10*6/L, false",
		"laboratory, 2160-0, mg/dL, true", "laboratory, 2160-0, umol/L, true", "laboratory, 2160-0, mmol/L, true",
		"laboratory, 2160-0, mg/L, false",
		"laboratory, 5894-1, 1, true", "laboratory, 5894-1, {ratio}, true", "laboratory, 5894-1, %, false",
		"laboratory, 30226-5, ug/mL, true", "laboratory, 30226-5, mg/L, true", "laboratory, 30226-5, ng/mL, true",
		"laboratory, 48065-7, ug/mL{FEU}, true", "laboratory, 3255-7, g/L, true", "laboratory, 3255-7, g/dL, false",
		"laboratory, 2524-7, mg/dL, true", "laboratory, 20570-8, L/L, true",
		"vital-signs, 8310-5, Cel, true", "vital-signs, 8310-5, [degF], true", "vital-signs, 8310-5, K, false",
		"vital-signs, 3150-0, %, true", "vital-signs, 3150-0, 1, true", "vital-signs, 8478-0, kPa, true",
		"vital-signs, 8480-6, kPa, true", "vital-signs, 8462-4, kPa, true", "vital-signs, 8480-6, [psi], false",
		"vital-signs, 9279-1, {breaths}/min, true", "vital-signs, 29463-7, [lb_av], false",
	})
	void unitsAcceptedPerVariableAreThoseOfScoresMd(String category, String loinc, String unit, boolean accepted) {
		Observation obs = measured(category, LOINC, loinc, 1.0, unit);

		var errors = VALIDATOR.validateEnrolledObservation(obs).errors();

		if (accepted) {
			assertThat(errors).isEmpty();
		} else {
			assertThat(errors).extracting(Issue::location).containsExactly("Observation.valueQuantity.code");
		}
	}

	@ParameterizedTest(name = "{0} {1}|{2} -> {3}")
	@CsvSource({
		"vital-signs, http://loinc.org, 8867-4, TrialVitalSign",
		"laboratory, http://loinc.org, 777-3, TrialLabResult",
		"laboratory, http://loinc.org, 3150-0, TrialLabResult",  // FiO2 reported with a blood gas
		"vital-signs, http://loinc.org, 3150-0, TrialVitalSign", // FiO2 charted at the bedside
		", http://loinc.org, 777-3, TrialLabResult",             // no category: the variable's usual one
		", http://loinc.org, 8867-4, TrialVitalSign",
		"laboratory, http://trialfhir.org/fhir/CodeSystem/trial-lab, hmgb1, TrialLabResult",
		"survey, http://trialfhir.org/fhir/CodeSystem/trial-ecrf, bleeding, TrialEcrfItem",
		", http://trialfhir.org/fhir/CodeSystem/trial-score, sofa, TrialDerivedScore",
		"vital-signs, http://loinc.org, 8302-2, ",                // body height: not a trial variable
		"laboratory, http://loinc.org, 2345-7, ",                 // glucose: not a trial variable
	})
	void profileIsChosenByCodeAndCategory(String category, String system, String code, String profile) {
		Observation obs = measured(category, system, code, 1.0, "1");

		assertThat(VALIDATOR.profileFor(obs))
				.isEqualTo(Optional.ofNullable(profile).map(p -> TrialCanonicals.SD + p));
	}

	@ParameterizedTest(name = "admission-weight {0} {1} -> accepted {2}")
	@CsvSource({"80, kg, true", "80, [lb_av], false", "0, kg, false"})
	void anAdmissionWeightNeedsAPositiveQuantityInKg(double value, String unit, boolean accepted) {
		Observation weight = measured("survey", CS_TRIAL_ECRF, "admission-weight", value, unit);
		assertThat(VALIDATOR.validateEnrolledObservation(weight).errors().isEmpty()).isEqualTo(accepted);
		// a yes/no item still needs valueBoolean: a quantity there is refused
		Observation bleeding = measured("survey", CS_TRIAL_ECRF, "bleeding", value, unit);
		assertThat(VALIDATOR.validateEnrolledObservation(bleeding).errors()).isNotEmpty();
	}

	@Test
	void anOrdinaryVitalSignIsJudgedByTheFastPathAndAnUnusualOneByTheFullValidator() {
		Observation ordinary = measured("vital-signs", LOINC, "8867-4", 80, "/min");
		Observation withNote = measured("vital-signs", LOINC, "8867-4", 80, "/min");
		withNote.addNote().setText("measured after a fever spike"); // the fast path does not model notes
		double fast = VALIDATOR.fastVerdicts.count();
		double full = VALIDATOR.fullValidations.count();

		assertThat(VALIDATOR.validateEnrolledObservation(ordinary).errors()).isEmpty();
		assertThat(VALIDATOR.fastVerdicts.count() - fast).isEqualTo(1);
		assertThat(VALIDATOR.validateEnrolledObservation(withNote).errors()).isEmpty();
		assertThat(VALIDATOR.fullValidations.count() - full).isEqualTo(1);
		assertThat(VALIDATOR.fastVerdicts.count() - fast).isEqualTo(1);
	}

	/** The simulator's (and many feeds') Observations claim the profile they are written for in meta.profile. */
	@Test
	void aVitalSignClaimingItsOwnProfileIsJudgedByTheFastPathAndOneClaimingAnotherByTheFullValidator() {
		Observation claimingItsOwn = measured("vital-signs", LOINC, "8867-4", 80, "/min");
		claimingItsOwn.getMeta().addProfile(TRIAL_VITAL_SIGN);
		Observation claimingAnother = measured("vital-signs", LOINC, "8867-4", 80, "/min");
		claimingAnother.getMeta().addProfile(TRIAL_LAB_RESULT);
		double fast = VALIDATOR.fastVerdicts.count();
		double full = VALIDATOR.fullValidations.count();

		assertThat(VALIDATOR.validateEnrolledObservation(claimingItsOwn).errors()).isEmpty();
		assertThat(VALIDATOR.fastVerdicts.count() - fast).isEqualTo(1);
		assertThat(VALIDATOR.fullValidations.count() - full).isZero();
		assertThat(VALIDATOR.validateEnrolledObservation(claimingAnother).errors()).as("not a lab result").isNotEmpty();
		assertThat(VALIDATOR.fullValidations.count() - full).isEqualTo(1);
	}

	@Test
	void theFastPathReportsAMissingSubjectWhereTheFullValidatorDoes() {
		Observation noSubject = measured("laboratory", LOINC, "777-3", 120, "10*3/uL");
		noSubject.setSubject(null);

		assertThat(VALIDATOR.fastVerdict(noSubject)).get().extracting(r -> r.errors())
				.isEqualTo(VALIDATOR.validateEnrolledObservationInFull(noSubject).errors());
	}

	@Test
	void theChainAndModuleAreBuiltOnceAndReused() {
		assertThat(VALIDATOR.validationSupport()).isSameAs(VALIDATOR.validationSupport());
		assertThat(VALIDATOR.instanceValidatorModule()).isSameAs(VALIDATOR.instanceValidatorModule());
	}

	@Test
	void validatingDoesNotGenerateSnapshotsAgain() {
		// SnapshotGeneratingValidationSupport logs each generation on this logger
		Logger log = (Logger) LoggerFactory.getLogger("ca.uhn.fhir.log.terminology_troubleshooting");
		Level before = log.getLevel();
		var appender = new ListAppender<ILoggingEvent>();
		appender.start();
		log.setLevel(Level.INFO);
		log.addAppender(appender);
		try {
			for (Path file : SharedValidator.jsonFiles(ExamplesTest.VALID)) {
				VALIDATOR.validate(SharedValidator.read(file));
			}
		} finally {
			log.detachAppender(appender);
			log.setLevel(before);
		}
		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
				.noneMatch(m -> m.contains("Generating snapshot"));
	}

	@Test
	void aNewValidatorLogsSnapshotGenerationSoTheCheckAboveCanFail() {
		Logger log = (Logger) LoggerFactory.getLogger("ca.uhn.fhir.log.terminology_troubleshooting");
		Level before = log.getLevel();
		var appender = new ListAppender<ILoggingEvent>();
		appender.start();
		log.setLevel(Level.INFO);
		log.addAppender(appender);
		try {
			new TrialValidator(SharedValidator.CTX);
		} finally {
			log.detachAppender(appender);
			log.setLevel(before);
		}
		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
				.anyMatch(m -> m.contains("Generating snapshot for StructureDefinition: " + TRIAL_LAB_RESULT));
	}
}
