package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.derive.Records.at;
import static org.trialfhir.derive.Records.quantity;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.trialfhir.derive.RederiveQueue.Change;

/** Which writes queue a re-derivation, for which patient and times. */
class InputChangesTest {

	private static long ms(double hours) {
		return at(hours).toEpochMilli();
	}

	@Test
	void aScoredObservationAffectsItsOwnTime() {
		assertThat(InputChanges.of(quantity("plt", "777-3", "12", "10*4/uL", at(5))))
				.contains(new Change("p1", ms(5), ms(5)));
	}

	@Test
	void aUrinePeriodAffectsItsPeriodAndAnInfusionWithoutEndEverythingAfterItsStart() {
		assertThat(InputChanges.of(Records.urine("u", "300", "mL", at(2), at(8))))
				.contains(new Change("p1", ms(2), ms(8)));
		assertThat(InputChanges.of(Records.infusion("ne", "1745276", "0.1", "ug/kg/min", at(3), null)))
				.contains(new Change("p1", ms(3), Long.MAX_VALUE));
	}

	@Test
	void anEcrfItemAffectsEveryLaterDayAndSubjectsAndPatientsEveryDay() {
		assertThat(InputChanges.of(Records.ecrf("b", "bleeding", true, at(30))))
				.contains(new Change("p1", ms(30), Long.MAX_VALUE));
		ResearchSubject subject = new ResearchSubject().setIndividual(new Reference("Patient/p1"));
		assertThat(InputChanges.of(subject)).contains(new Change("p1", Long.MIN_VALUE, Long.MAX_VALUE));
		Patient patient = new Patient();
		patient.setId("Patient/p1");
		assertThat(InputChanges.of(patient)).contains(new Change("p1", Long.MIN_VALUE, Long.MAX_VALUE));
	}

	@Test
	void sofa2InputsAffectTheirTimeAndTheDaysThatReadThemLater() {
		// SpO2 is a scored variable since SOFA-2 (S/F ratio); a delirium drug counts on its own day
		assertThat(InputChanges.of(quantity("spo2", "59408-5", "95", "%", at(1)))).contains(new Change("p1", ms(1), ms(1)));
		assertThat(InputChanges.of(Records.infusion("haloperidol", "5093", "1", "mg/h", at(2), at(3))))
				.contains(new Change("p1", ms(2), ms(3)));
		// haemodialysis is renal replacement therapy: kidney 4 until 72 h after the session ended (E12)
		Procedure dialysis = Records.ventilation("rrt", at(1), at(5));
		dialysis.setCode(new CodeableConcept(new Coding(Fhir.SNOMED, "302497006", "Haemodialysis")));
		assertThat(InputChanges.of(dialysis)).contains(new Change("p1", ms(1), ms(5 + 72)));
		// propofol is sedation: a GCS in an episode is ignored, and an episode on any later day reads the last GCS
		// before it, however old (E5): so does every later day read a GCS
		assertThat(InputChanges.of(Records.infusion("propofol", "8782", "1.5", "mg/kg/h", at(2), at(6))))
				.contains(new Change("p1", ms(2), Long.MAX_VALUE));
		assertThat(InputChanges.of(quantity("gcs", "9269-2", "14", "{score}", at(3))))
				.contains(new Change("p1", ms(3), Long.MAX_VALUE));
	}

	@Test
	void aBodyWeightAffectsEveryDay() {
		// the latest weight before a time, else the stay's first one: for SOFA-2's urine rates (E11) and the doses of
		// vasopressors given as a mass rate
		assertThat(InputChanges.of(quantity("weight", "29463-7", "70", "kg", at(30))))
				.contains(new Change("p1", Long.MIN_VALUE, Long.MAX_VALUE));
	}

	@Test
	void derivedScoresOtherProceduresAndNonPatientSubjectsAffectNothing() {
		Observation derived = Records.observation("d", new Coding(DerivedObservations.SCORE_SYSTEM, "sofa", null), at(1));
		derived.addIdentifier().setSystem(DerivedObservations.IDENTIFIER_SYSTEM).setValue("s1-sofa-1");
		assertThat(InputChanges.of(derived)).isEmpty();
		Procedure bronchoscopy = Records.ventilation("bronchoscopy", at(1), at(5));
		bronchoscopy.setCode(new CodeableConcept(new Coding(Fhir.SNOMED, "10847001", "Bronchoscopy")));
		assertThat(InputChanges.of(bronchoscopy)).isEmpty();
		Observation groupSubject = quantity("plt", "777-3", "12", "10*4/uL", at(5));
		groupSubject.setSubject(new Reference("Group/g1"));
		assertThat(InputChanges.of(groupSubject)).isEmpty();
	}

	@Test
	void changesOfOnePatientMergeIntoTheWidestRange() {
		assertThat(new Change("p1", 10, 20).merge(new Change("p1", 5, 15))).isEqualTo(new Change("p1", 5, 20));
	}

	@Test
	void aPanelWithMembersCounts() {
		Observation panel = Records.observation("abg", new Coding(Records.LOINC, "24336-0", null), at(4));
		panel.addHasMember(new Reference("Observation/pao2"));
		panel.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(at(4))));
		assertThat(InputChanges.of(panel)).contains(new Change("p1", ms(4), ms(4)));
	}
}
