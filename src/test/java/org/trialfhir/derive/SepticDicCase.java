package org.trialfhir.derive;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.trialfhir.support.TrialFixtures;

/**
 * A septic DIC patient over 10 study days, as a hospital would push it (one transaction): vitals, labs with the
 * Japanese ×10⁴/µL platelets, arterial gases with FiO₂ (own or charted), invasive ventilation until day 5 noon,
 * noradrenaline (once as a mass rate with a body weight), urine periods, eCRF items. The site
 * {@code site-derive-it} has a PT control of 12.0 s and the Sysmex D-dimer equivalents 5.4 / 13.2
 * (application-test.yaml). The values per day are listed in {@link #observations}; DeriveScoresIT scores them by hand.
 *
 * <p>T0 = 2026-04-01T10:00+09:00. "day d hour h" = T0 + 24(d−1) h + h hours. Born 1952-05-20: 73 on every day.
 */
final class SepticDicCase {

	static final OffsetDateTime T0 = OffsetDateTime.of(2026, 4, 1, 10, 0, 0, 0, ZoneOffset.ofHours(9));
	static final String ECRF = "http://trialfhir.org/fhir/CodeSystem/trial-ecrf";
	static final String SNOMED = "http://snomed.info/sct";
	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	final String run;
	private final String studyRun;
	/** The site identifier of the patient's hospital, whose scoring settings are in application-test.yaml. */
	private String site = "site-derive-it";
	final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

	SepticDicCase(String run) {
		this(run, run);
	}

	/** A copy of the case enrolled in the study of the copy {@code studyRun} (the first copy writes the study). */
	SepticDicCase(String run, String studyRun) {
		this.run = run;
		this.studyRun = studyRun;
	}

	/** The same case at another configured site. */
	SepticDicCase atSite(String siteId) {
		this.site = siteId;
		return this;
	}

	String id(String key) {
		return "dit-" + run + "-" + key;
	}

	String subjectId() {
		return id("subject");
	}

	String patientId() {
		return id("patient");
	}

	String studyId() {
		return "dit-" + studyRun + "-study";
	}

	/** Organization, study, patient, subject, then every clinical record. */
	Bundle build() {
		Organization site = new Organization().setName("Derive IT hospital");
		site.addIdentifier().setSystem(SubjectContext.SITE_SYSTEM).setValue(this.site);
		put(site, id("org"));
		put(TrialFixtures.study("Derive IT " + studyRun), studyId());
		Patient patient = TrialFixtures.patient(id("mrn"), java.time.LocalDate.of(1952, 5, 20));
		patient.setBirthDateElement(new DateType("1952-05-20"));
		patient.setManagingOrganization(new Reference("Organization/" + id("org")));
		put(patient, patientId());
		ResearchSubject subject = TrialFixtures.subject("ResearchStudy/" + studyId(), "Patient/" + patientId(), "rTM",
				T0.toInstant());
		subject.getPeriod().setStartElement(new DateTimeType(Date.from(T0.toInstant()),
				ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(ZoneOffset.ofHours(9))));
		put(subject, subjectId());
		observations();
		treatments();
		return bundle;
	}

	private void observations() {
		quantity("weight", 1, -1, "29463-7", "60", "kg");
		ecrf("ud", 1, 1, "underlying-disease", true);
		ecrf("chronic", 1, 1, "chronic-health", false);
		ecrf("arf", 1, 1, "acute-renal-failure", false);
		ecrf("of", 1, 1, "organ-failure", true);
		ecrf("bleed1", 1, 1, "bleeding", false);
		ecrf("heme", 1, 1, "hematologic-malignancy", false);
		ecrf("cirrhosis", 1, 1, "liver-cirrhosis", false);
		Observation operative = observation("opstatus", 1, 1, new Coding(ECRF, "operative-status", null), "survey");
		operative.setValue(new CodeableConcept(new Coding(ECRF, "nonoperative", null)));
		ecrf("bleed6", 6, 3, "bleeding", true); // GI bleed on day 6

		// day: Tmax, Tmin, HR, HR, RR, RR, MAP, MAP (hours 2 and 14), GCS (hour 2)
		vitals(1, "39.2", "38.1", 128, 115, 28, 24, 62, 68, 8);
		vitals(2, "38.6", "37.9", 118, 104, 26, 22, 66, 72, 8);
		vitals(3, "38.3", "37.2", 102, 92, 22, 18, 70, 78, 9);
		vitals(4, "37.8", "36.9", 96, 88, 20, 16, 74, 82, 10);
		vitals(5, "37.5", "36.8", 92, 84, 24, 18, 80, 88, 13);
		vitals(6, "38.4", "37.0", 108, 94, 22, 18, 64, 76, 15);
		vitals(7, "37.6", "36.6", 90, 82, 20, 16, 78, 86, 15);
		vitals(8, "37.2", "36.5", 86, 78, 18, 15, 82, 90, 15);
		vitals(9, "37.0", "36.4", 84, 76, 17, 14, 84, 92, 15);
		vitals(10, "36.8", "36.2", 80, 72, 16, 14, 86, 94, 15);

		// labs at hour 4: platelets x10^4/uL, WBC, creatinine, bilirubin, Na, K, Hct, fibrinogen mg/dL
		labs(1, "12.0", "18.5", "1.8", "1.4", "133", "3.3", "31", "180");
		quantity("plt-b", 1, 20, "777-3", "7.5", "10*4/uL"); // second count: 120 -> 75 within 16 h
		labs(2, "6.8", "16.0", "2.1", "2.2", "136", "3.8", "29", "140");
		labs(3, "6.1", "13.0", "1.6", "2.5", "138", "4.1", "28", "130");
		labs(4, "7.2", "11.0", "1.3", "1.9", "140", "4.0", "30", "160");
		labs(5, "8.5", "10.0", "1.1", "1.5", "141", "4.2", "31", "200");
		labs(6, "9.0", "12.5", "1.0", "1.2", "139", "3.9", "24", "220");
		labs(7, "11.0", "9.5", "0.9", "1.0", "140", "4.0", "27", "250");
		labs(8, "13.5", "8.5", "0.8", "0.9", "141", "4.1", "28", "280");
		labs(9, "15.2", "8.0", "0.8", "0.8", "140", "4.0", "29", "300");
		labs(10, "18.0", "7.5", "0.7", "0.7", "139", "4.2", "30", "320");

		// coagulation at hour 4: PT seconds (control 12.0 s), FDP ug/mL; day 8 INR only, day 9 D-dimer only
		coagulation(1, "15.6", "32");
		coagulation(2, "16.2", "28");
		coagulation(3, "15.0", "22");
		coagulation(4, "14.4", "15");
		coagulation(5, "13.8", "11");
		coagulation(6, "13.2", "9.5");
		coagulation(7, "12.6", "7.0");
		quantity("inr", 8, 4, "6301-6", "1.10", "{INR}");
		quantity("fdp", 8, 4, "30226-5", "5.0", "ug/mL");
		quantity("pts", 9, 4, "5902-2", "12.4", "s");
		quantity("ddimer", 9, 4, "48065-7", "6.0", "ug/mL{FEU}");
		coagulation(10, "12.2", "4.0");

		// serum HCO3 on the days without an arterial gas
		for (int day = 7; day <= 10; day++) {
			quantity("hco3", day, 4, "1963-8", day == 7 ? "23" : day == 9 ? "25" : "24", "mmol/L");
		}

		// arterial gases at hour 6: PaO2, PaCO2 (mm[Hg]), pH, FiO2 (fraction) with the gas or charted before it
		gas(1, 6, "80", "38", "7.28", "0.6");
		quantity("fio2-charted", 2, 3, "3150-0", "0.5", "1");
		gas(2, 6, "95", "41", "7.31", null);
		gas(3, 6, "100", "40", "7.36", "0.4");
		gas(4, 6, "110", "39", "7.40", "0.35");
		gas(5, 6, "120", "38", "7.42", "0.3");
		quantity("fio2-charted", 5, 18, "3150-0", "0.28", "1");
		gas(5, 20, "62", "36", "7.44", null); // after extubation at day 5 hour 12
		quantity("fio2-charted", 6, 5, "3150-0", "21", "%");
		gas(6, 6, "75", "34", "7.45", null);

		// urine output (mL) over 12-h periods: days 1-3 fully covered, day 4 only half
		urine(1, 0, 12, "150");
		urine(1, 12, 24, "200");
		urine(2, 0, 12, "300");
		urine(2, 12, 24, "300");
		urine(3, 0, 12, "600");
		urine(3, 12, 24, "700");
		urine(4, 0, 12, "800");
	}

	private void treatments() {
		Procedure ventilation = new Procedure();
		ventilation.setStatus(Procedure.ProcedureStatus.COMPLETED);
		ventilation.setCode(new CodeableConcept(new Coding(SNOMED, "40617009", "Artificial respiration")));
		ventilation.setSubject(patient());
		ventilation.setPerformed(new Period().setStartElement(at(1, -2)).setEndElement(at(5, 12)));
		put(ventilation, id("ventilation"));

		// noradrenaline 0.15 ug/kg/min from T0 + 0.5 h to T0 + 30 h, then 0.288 mg/h (60 kg: 0.08 ug/kg/min) to 50 h
		put(noradrenaline(at(1, 0.5), at(2, 6), "0.15", "ug/kg/min"), id("ne-1"));
		put(noradrenaline(at(2, 6), at(3, 2), "0.288", "mg/h"), id("ne-2"));
	}

	private MedicationAdministration noradrenaline(DateTimeType from, DateTimeType to, String rate, String unit) {
		MedicationAdministration m = new MedicationAdministration();
		m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		m.setMedication(new CodeableConcept(new Coding(RXNORM, "1745276", "norepinephrine injection")));
		m.setSubject(patient());
		m.setEffective(new Period().setStartElement(from).setEndElement(to));
		m.getDosage().setRate(new Quantity().setValue(new BigDecimal(rate)).setSystem(TrialFixtures.UCUM)
				.setCode(unit).setUnit(unit));
		return m;
	}

	private void vitals(int day, String tMax, String tMin, int hr1, int hr2, int rr1, int rr2, int map1, int map2,
			int gcs) {
		quantity("temp-a", day, 2, "8310-5", tMax, "Cel");
		quantity("temp-b", day, 14, "8310-5", tMin, "Cel");
		quantity("hr-a", day, 2, "8867-4", String.valueOf(hr1), "/min");
		quantity("hr-b", day, 14, "8867-4", String.valueOf(hr2), "/min");
		quantity("rr-a", day, 2, "9279-1", String.valueOf(rr1), "/min");
		quantity("rr-b", day, 14, "9279-1", String.valueOf(rr2), "/min");
		quantity("map-a", day, 2, "8478-0", String.valueOf(map1), "mm[Hg]");
		quantity("map-b", day, 14, "8478-0", String.valueOf(map2), "mm[Hg]");
		quantity("gcs", day, 2, "9269-2", String.valueOf(gcs), "{score}");
	}

	private void labs(int day, String plt, String wbc, String creatinine, String bilirubin, String na, String k,
			String hct, String fibrinogen) {
		quantity("plt", day, 4, "777-3", plt, "10*4/uL");
		quantity("wbc", day, 4, "6690-2", wbc, "10*9/L");
		quantity("cre", day, 4, "2160-0", creatinine, "mg/dL");
		quantity("bil", day, 4, "1975-2", bilirubin, "mg/dL");
		quantity("na", day, 4, "2951-2", na, "mmol/L");
		quantity("k", day, 4, "2823-3", k, "mmol/L");
		quantity("hct", day, 4, "20570-8", hct, "%");
		quantity("fbg", day, 4, "3255-7", fibrinogen, "mg/dL");
	}

	private void coagulation(int day, String ptSeconds, String fdp) {
		quantity("pts", day, 4, "5902-2", ptSeconds, "s");
		quantity("fdp", day, 4, "30226-5", fdp, "ug/mL");
	}

	private void gas(int day, double hour, String pao2, String paco2, String ph, String fio2) {
		String h = "h" + (int) hour;
		quantity("pao2-" + h, day, hour, "2703-7", pao2, "mm[Hg]");
		quantity("paco2-" + h, day, hour, "2019-8", paco2, "mm[Hg]");
		quantity("ph-" + h, day, hour, "2744-1", ph, "[pH]");
		if (fio2 != null) {
			quantity("fio2-" + h, day, hour, "3150-0", fio2, "1");
		}
	}

	private void urine(int day, int fromHour, int toHour, String millilitres) {
		Observation o = observation("uo-" + fromHour, day, fromHour, new Coding("http://loinc.org", "9187-6", null),
				"vital-signs");
		o.setEffective(new Period().setStartElement(at(day, fromHour)).setEndElement(at(day, toHour)));
		o.setValue(new Quantity().setValue(new BigDecimal(millilitres)).setSystem(TrialFixtures.UCUM).setCode("mL"));
	}

	/** Observation id: {@code dit-<run>-d<day>-<key>}. */
	String observationId(int day, String key) {
		return id("d" + day + "-" + key);
	}

	Observation quantity(String key, int day, double hour, String loinc, String value, String unit) {
		Observation o = observation(key, day, hour, new Coding("http://loinc.org", loinc, null), "laboratory");
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(TrialFixtures.UCUM).setCode(unit)
				.setUnit(unit));
		return o;
	}

	private void ecrf(String key, int day, double hour, String code, boolean value) {
		observation(key, day, hour, new Coding(ECRF, code, null), "survey").setValue(new BooleanType(value));
	}

	private Observation observation(String key, int day, double hour, Coding code, String category) {
		Observation o = new Observation();
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", category, null)));
		o.setCode(new CodeableConcept(code));
		o.setSubject(patient());
		o.setEffective(at(day, hour));
		put(o, observationId(day, key));
		return o;
	}

	private Reference patient() {
		return new Reference("Patient/" + patientId());
	}

	/** Day {@code day}, {@code hour} hours after its start, written in +09:00. */
	static DateTimeType at(int day, double hour) {
		OffsetDateTime time = T0.plus(Duration.ofMinutes(Math.round((24L * (day - 1) + hour) * 60)));
		return new DateTimeType(Date.from(time.toInstant()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
				TimeZone.getTimeZone(ZoneOffset.ofHours(9)));
	}

	private void put(Resource resource, String id) {
		resource.setId(resource.fhirType() + "/" + id);
		bundle.addEntry().setResource(resource).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + id);
	}
}
