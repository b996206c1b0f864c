package org.trialfhir.ingest.pull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.trialfhir.ingest.pull.hospital.FakeHospital;

/**
 * The hospital's chart of one trial patient. Counted by hand against the pull's rules (followed codes only, from
 * T0 − 24 h on):
 * <ul>
 *   <li>heart rate 8867-4 every 6 h from T0 − 36 h to T0 + 48 h: 15 readings, 13 from T0 − 24 h on (T0 − 36 h and
 *       T0 − 30 h are older than the baseline day)</li>
 *   <li>platelets 777-3 in 10*4/uL at T0 − 12 h, T0 + 12 h, T0 + 36 h: 3, all in scope</li>
 *   <li>platelets in "mg" at T0 + 20 h: in scope, rejected (unit not accepted)</li>
 *   <li>creatinine 2160-0 without value or dataAbsentReason at T0 + 22 h: in scope, malformed</li>
 *   <li>glucose 2339-0 at T0 + 1 h: not a trial code, never fetched</li>
 * </ul>
 * So per patient: fetched 18 = 13 + 3 + 1 + 1, created 16, rejected 1, errors 1.
 */
public final class HospitalFixtures {

	static final int FETCHED = 18;
	public static final int CREATED = 16;
	static final int REJECTED = 1;
	static final int MALFORMED = 1;

	static final String LOINC = "http://loinc.org";
	static final String UCUM = "http://unitsofmeasure.org";

	private HospitalFixtures() {}

	/** Adds the patient and their chart; returns the ids of the heart-rate readings, oldest first. */
	public static List<String> chart(FakeHospital hospital, String mrnSystem, String mrn, Instant t0) {
		String patient = "Patient/" + hospital.data.addPatient(mrnSystem, mrn);
		List<String> heartRates = new ArrayList<>();
		for (int k = -6; k <= 8; k++) {
			Instant at = t0.plus(Duration.ofHours(6L * k));
			heartRates.add(hospital.data.addObservation(vital(patient, "8867-4", 80 + k, "/min", at)));
			if (k == -2) {
				hospital.data.addObservation(lab(patient, "777-3", 12.0, "10*4/uL", t0.minus(Duration.ofHours(12))));
				hospital.data.addObservation(lab(patient, "2339-0", 110, "mg/dL", t0.plus(Duration.ofHours(1))));
			}
			if (k == 2) {
				hospital.data.addObservation(lab(patient, "777-3", 8.5, "10*4/uL", t0.plus(Duration.ofHours(12))));
				hospital.data.addObservation(lab(patient, "777-3", 85, "mg", t0.plus(Duration.ofHours(20))));
				Observation noValue = lab(patient, "2160-0", 1, "mg/dL", t0.plus(Duration.ofHours(22)));
				noValue.setValue(null);
				hospital.data.addObservation(noValue);
			}
			if (k == 6) {
				hospital.data.addObservation(lab(patient, "777-3", 9.1, "10*4/uL", t0.plus(Duration.ofHours(36))));
			}
		}
		return heartRates;
	}

	/** A patient of the hospital who is not in the trial, with a few readings that must never be pulled. */
	public static void bystander(FakeHospital hospital, String mrnSystem, Instant t0) {
		String patient = "Patient/" + hospital.data.addPatient(mrnSystem, "not-enrolled");
		for (int k = 0; k < 4; k++) {
			hospital.data.addObservation(vital(patient, "8867-4", 70, "/min", t0.plus(Duration.ofHours(k))));
		}
	}

	static Observation vital(String patient, String loinc, double value, String unit, Instant at) {
		return observation(patient, "vital-signs", loinc, value, unit, at);
	}

	static Observation lab(String patient, String loinc, double value, String unit, Instant at) {
		return observation(patient, "laboratory", loinc, value, unit, at);
	}

	private static Observation observation(String patient, String category, String loinc, double value, String unit,
			Instant at) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", category, null)));
		observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
		observation.setSubject(new Reference(patient));
		observation.setEffective(new DateTimeType(Date.from(at)));
		observation.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setSystem(UCUM).setCode(unit)
				.setUnit(unit));
		return observation;
	}
}
