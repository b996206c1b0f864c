package org.trialfhir.derive;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.trialfhir.scoring.SiteSettings;
import org.trialfhir.units.UnitConverter;

/** Small hand-built FHIR resources for the mapping tests; T0 = 2026-03-01T09:00+09:00 (00:00 UTC). */
final class Records {

	static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
	static final String LOINC = "http://loinc.org";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String PATIENT = "Patient/p1";

	private Records() {
	}

	static SubjectContext subject() {
		return subject(SiteSettings.DEFAULTS, false);
	}

	static SubjectContext subject(SiteSettings site, boolean allowPreliminary) {
		return new SubjectContext("s1", "p1", T0, ZoneOffset.ofHours(9), LocalDate.of(1950, 3, 1), "site-x", site,
				allowPreliminary);
	}

	/** T0 + hours. */
	static Instant at(double hours) {
		return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
	}

	static Observation quantity(String id, String loinc, String value, String unit, Instant time) {
		Observation o = observation(id, new Coding(LOINC, loinc, null), time);
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(UCUM).setCode(unit));
		return o;
	}

	static Observation observation(String id, Coding code, Instant time) {
		Observation o = new Observation();
		o.setId("Observation/" + id);
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(new CodeableConcept(code));
		o.setSubject(new Reference(PATIENT));
		if (time != null) {
			o.setEffective(new DateTimeType(Date.from(time)));
		}
		return o;
	}

	static Observation ecrf(String id, String code, boolean value, Instant time) {
		Observation o = observation(id, new Coding(Fhir.ECRF, code, null), time);
		o.setValue(new BooleanType(value));
		return o;
	}

	static Observation urine(String id, String volume, String unit, Instant from, Instant to) {
		Observation o = quantity(id, "9187-6", volume, unit, null);
		o.setEffective(new Period().setStart(Date.from(from)).setEnd(Date.from(to)));
		return o;
	}

	static Procedure ventilation(String id, Instant from, Instant to) {
		Procedure p = new Procedure();
		p.setId("Procedure/" + id);
		p.setStatus(to == null ? Procedure.ProcedureStatus.INPROGRESS : Procedure.ProcedureStatus.COMPLETED);
		p.setCode(new CodeableConcept(new Coding(Fhir.SNOMED, "40617009", null)));
		p.setSubject(new Reference(PATIENT));
		p.setPerformed(new Period().setStart(Date.from(from)).setEnd(to == null ? null : Date.from(to)));
		return p;
	}

	/** A Procedure with the given codings (system|code) over {@code [from, to]}, to null = in progress. */
	static Procedure procedure(String id, Instant from, Instant to, String... systemAndCodes) {
		Procedure p = ventilation(id, from, to);
		p.setCode(new CodeableConcept());
		for (String sc : systemAndCodes) {
			String[] parts = sc.split("\\|");
			p.getCode().addCoding(new Coding(parts[0], parts[1], null));
		}
		return p;
	}

	static MedicationAdministration infusion(String id, String rxnorm, String rate, String unit, Instant from,
			Instant to) {
		MedicationAdministration m = new MedicationAdministration();
		m.setId("MedicationAdministration/" + id);
		m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		m.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, null)));
		m.setSubject(new Reference(PATIENT));
		m.setEffective(new Period().setStart(Date.from(from)).setEnd(to == null ? null : Date.from(to)));
		m.getDosage().setRate(new Quantity().setValue(new BigDecimal(rate)).setSystem(UCUM).setCode(unit));
		return m;
	}

	static InputTimeline map(SubjectContext subject, List<Observation> observations, List<Procedure> procedures,
			List<MedicationAdministration> administrations) {
		return FhirInputMapper.map(subject, new PatientRecords(observations, procedures, administrations, List.of()),
				UnitConverter.standard());
	}

	static InputTimeline map(List<Observation> observations) {
		return map(subject(), observations, List.of(), List.of());
	}
}
