package org.trialfhir.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Type;

/** Turns one subject's clinical events into FHIR resources with stable ids, as a hospital EHR would send them. */
final class FhirEvents implements ClinicalEvents {
	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	static final String SUPPORT_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/trial-support";
	static final String SNOMED = "http://snomed.info/sct";
	private static final String SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";

	private final SubjectProfile subject;
	private final ResourceSink sink;
	private final Map<String, Integer> sequence = new HashMap<>();

	FhirEvents(SubjectProfile subject, ResourceSink sink) {
		this.subject = subject;
		this.sink = sink;
	}

	@Override
	public void measured(Variable variable, int day, Instant time, double canonicalValue) {
		Measure measure = subject.site().units().measure(variable);
		Observation observation = observation(variable.category(), day, variable.key(), time);
		observation.setCode(FhirValues.concept(measure.system(), measure.code(), measure.display()));
		observation.setValue(FhirValues.ucum(measure.reported(canonicalValue), measure.unit()));
		sink.accept(observation);
	}

	@Override
	public void urineOutput(int day, Instant from, Instant to, double millilitres) {
		Measure measure = subject.site().units().measure(Variable.URINE_OUTPUT);
		Observation observation = observation(Category.VITAL, day, Variable.URINE_OUTPUT.key(), null);
		observation.setEffective(FhirValues.period(from, to, subject.site().zone()));
		observation.setCode(FhirValues.concept(measure.system(), measure.code(), measure.display()));
		observation.setValue(FhirValues.ucum(measure.reported(millilitres), measure.unit()));
		sink.accept(observation);
	}

	@Override
	public void ecrfFlag(String code, int day, Instant time, boolean value) {
		sink.accept(ecrf(code, day, time, new BooleanType(value)));
	}

	@Override
	public void operativeStatus(Instant time, String statusCode) {
		sink.accept(ecrf("operative-status", 1, time,
				FhirValues.concept(Profiles.ECRF_SYSTEM, statusCode, statusCode.replace('-', ' '))));
	}

	@Override
	public void respiratorySupport(SubjectProfile.Support mode, Instant from, Instant to) {
		CodeableConcept code = switch (mode) {
			case INVASIVE -> FhirValues.concept(SNOMED, "40617009", "Invasive mechanical ventilation");
			case NIV -> FhirValues.concept(SNOMED, "428311008", "Non-invasive ventilation");
			default -> FhirValues.concept(SNOMED, "426854004", "High flow oxygen nasal cannula");
		};
		sink.accept(procedure(subject.patientId() + "-resp-1", code, from, to));
	}

	@Override
	public void organSupport(OrganSupport kind, Instant from, Instant to) {
		CodeableConcept code = FhirValues.concept(SNOMED, kind.snomed, kind.text);
		if (kind.configuration != null) {
			code.addCoding().setSystem(SUPPORT_SYSTEM).setCode(kind.configuration);
		}
		sink.accept(procedure(subject.patientId() + "-" + kind.key + "-1", code, from, to));
	}

	private Procedure procedure(String id, CodeableConcept code, Instant from, Instant to) {
		Procedure procedure = new Procedure();
		procedure.setId(id);
		procedure.setStatus(to == null ? Procedure.ProcedureStatus.INPROGRESS : Procedure.ProcedureStatus.COMPLETED);
		procedure.setCode(code);
		procedure.setSubject(FhirValues.ref("Patient", subject.patientId()));
		procedure.setPerformed(FhirValues.period(from, to, subject.site().zone()));
		return procedure;
	}

	@Override
	public void infusion(Drug drug, int day, Instant from, Instant to, double rate) {
		MedicationAdministration administration = administration(drug, day);
		administration.setStatus(to == null ? MedicationAdministration.MedicationAdministrationStatus.INPROGRESS
				: MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		administration.setEffective(FhirValues.period(from, to, subject.site().zone()));
		administration.getDosage().setRate(FhirValues.ucum(
				BigDecimal.valueOf(rate).setScale(2, RoundingMode.HALF_UP), drug.unit));
		sink.accept(administration);
	}

	@Override
	public void dose(Drug drug, int day, Instant time, double amount) {
		MedicationAdministration administration = administration(drug, day);
		administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		administration.setEffective(FhirValues.dateTime(time, subject.site().zone()));
		administration.getDosage().setDose(FhirValues.ucum(
				BigDecimal.valueOf(amount).setScale(1, RoundingMode.HALF_UP), drug.unit));
		sink.accept(administration);
	}

	private MedicationAdministration administration(Drug drug, int day) {
		MedicationAdministration administration = new MedicationAdministration();
		administration.setId(id(day, drug.key));
		administration.setMedication(FhirValues.concept(RXNORM, drug.rxnorm, drug.text));
		administration.setSubject(FhirValues.ref("Patient", subject.patientId()));
		return administration;
	}

	@Override
	public void vasopressor(Vasopressor drug, int day, Instant from, Instant to, double rate) {
		MedicationAdministration administration = new MedicationAdministration();
		administration.setId(id(day, drug.key));
		administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		administration.setMedication(FhirValues.concept(RXNORM, drug.rxnorm, drug.text));
		administration.setSubject(FhirValues.ref("Patient", subject.patientId()));
		administration.setEffective(FhirValues.period(from, to, subject.site().zone()));
		administration.getDosage().setRate(FhirValues.ucum(
				BigDecimal.valueOf(rate).setScale(drug == Vasopressor.DOPAMINE ? 1 : 3, RoundingMode.HALF_UP), "ug/kg/min"));
		sink.accept(administration);
	}

	@Override
	public void studyDrug(int day, Instant from, Instant to) {
		MedicationAdministration administration = new MedicationAdministration();
		administration.setId(id(day, "rtm"));
		administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		administration.setMedication(studyDrug());
		administration.setSubject(FhirValues.ref("Patient", subject.patientId()));
		administration.setEffective(FhirValues.period(from, to, subject.site().zone()));
		administration.getDosage().setDose(FhirValues.ucum(BigDecimal.valueOf(380), "U/kg"));
		sink.accept(administration);
	}

	/** The study drug, as the ResearchStudy names it (extension study-drug) and its administrations are coded. */
	static CodeableConcept studyDrug() {
		return FhirValues.concept(Profiles.TRIAL_DRUG_SYSTEM, "thrombomodulin-alfa",
				"Thrombomodulin alfa (recombinant human soluble thrombomodulin)");
	}

	@Override
	public void bleeding(int number, String category, Instant time, boolean serious) {
		AdverseEvent event = new AdverseEvent();
		event.setId(subject.patientId() + "-bleed-" + number);
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		String text = category.substring(0, 1).toUpperCase(Locale.ROOT) + category.substring(1) + " bleeding";
		event.addCategory(FhirValues.concept(Profiles.BLEEDING_SYSTEM, category, text));
		event.setEvent(FhirValues.concept(Profiles.BLEEDING_SYSTEM, category, text));
		event.setSubject(FhirValues.ref("Patient", subject.patientId()));
		event.setDateElement(FhirValues.dateTime(time, subject.site().zone()));
		event.setSeriousness(FhirValues.concept(SERIOUSNESS, serious ? "Serious" : "Non-serious",
				serious ? "Serious" : "Non-serious"));
		event.addStudy(FhirValues.ref("ResearchStudy", SetupResources.STUDY_ID));
		sink.accept(event);
	}

	private Observation ecrf(String code, int day, Instant time, Type value) {
		Observation observation = observation(Category.ECRF, day, "ecrf-" + code, time);
		observation.setCode(FhirValues.concept(Profiles.ECRF_SYSTEM, code, code.replace('-', ' ')));
		observation.setValue(value);
		return observation;
	}

	private Observation observation(Category category, int day, String key, Instant time) {
		Observation observation = new Observation();
		String id = id(day, key);
		observation.setId(id);
		observation.getMeta().addProfile(category.profile());
		observation.addIdentifier().setSystem(Profiles.SIMULATOR_IDENTIFIER).setValue(id);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setSystem(Category.SYSTEM).setCode(category.code())
				.setDisplay(category.display());
		observation.setSubject(FhirValues.ref("Patient", subject.patientId()));
		if (time != null) {
			observation.setEffective(FhirValues.dateTime(time, subject.site().zone()));
		}
		return observation;
	}

	/** {@code sim-p0001-d01-plt-2}: patient, study day, variable, running number within the day. */
	private String id(int day, String key) {
		String dayKey = String.format(Locale.ROOT, "d%02d-%s", day, key);
		int number = sequence.merge(dayKey, 1, Integer::sum);
		return subject.patientId() + "-" + dayKey + "-" + number;
	}
}
