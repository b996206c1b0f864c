package org.trialfhir.profiles;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Small Observations built in code for the tests that vary one thing at a time. */
final class Observations {

	private Observations() {}

	static Observation measured(String category, String system, String code, double value, String unit) {
		var obs = new Observation();
		obs.setStatus(Observation.ObservationStatus.FINAL);
		if (category != null) {
			obs.addCategory(new CodeableConcept(new Coding(TrialCanonicals.OBSERVATION_CATEGORY, category, null)));
		}
		obs.setCode(new CodeableConcept(new Coding(system, code, null)));
		obs.setSubject(new Reference("Patient/patient-001"));
		obs.setEffective(new DateTimeType("2026-03-01T09:10:00+09:00"));
		obs.setValue(new Quantity().setValue(value).setSystem(TrialCanonicals.UCUM).setCode(unit).setUnit(unit));
		return obs;
	}

	static Observation lab(String loinc, double value, String unit) {
		return measured("laboratory", TrialCanonicals.LOINC, loinc, value, unit);
	}

	static Observation claiming(Observation obs, String profile) {
		obs.getMeta().addProfile(profile);
		return obs;
	}
}
