package org.trialfhir.analysis;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFixtures;

/**
 * Stores the R trial in the server as FHIR, the way docs/api.md §3 shapes it: the study (arms rTM, control), Patients
 * (deceasedDateTime), ResearchSubjects (period.start/end), derived-score Observations (as $derive-scores writes
 * them, made directly so the numbers are fixed), platelet Observations in their reported units and statuses, and
 * bleeding AdverseEvents. Ids start with {@code prefix}, so several copies can live in one database. Half the
 * subjects get their times written with a +09:00 offset (same instants).
 */
final class RTrialLoader {

	static final String PROFILE = "http://trialfhir.org/fhir/StructureDefinition/";
	private static final String SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";
	private static final TimeZone TOKYO = TimeZone.getTimeZone("Asia/Tokyo");
	/** A component code of each non-DIC score (the profile requires one component from the trial-score codes). */
	private static final java.util.Map<String, String> FIRST_COMPONENT = java.util.Map.of("sofa", "sofa-renal",
			"apache-ii", "apache-ii-aps", "sirs", "sirs-temperature");

	private final String prefix;
	private final List<Resource> resources = new ArrayList<>();

	private RTrialLoader(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Loads the trial through the server's own storage (the derived scores in it may be written by the server
	 * alone); returns the ResearchStudy id.
	 */
	static String load(DaoRegistry daos, String prefix, boolean blinded, RTrial trial) {
		RTrialLoader loader = new RTrialLoader(prefix);
		loader.build(trial, blinded);
		for (int from = 0; from < loader.resources.size(); from += 400) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (Resource resource : loader.resources.subList(from, Math.min(from + 400, loader.resources.size()))) {
				bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
						.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
			}
			ServerSide.transaction(daos, bundle);
		}
		return prefix + "study";
	}

	/**
	 * Drops every pending re-derivation (subjects and platelets are scoring inputs, so loading queues their patients):
	 * the derived scores stored here are fixed numbers checked against R, which a derivation from the platelets alone
	 * would replace. Only on a server whose background worker is off ({@code WorkerOffServerTest}).
	 */
	static void keepScoresAsStored(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM trialfhir_rederive_queue");
	}

	private void build(RTrial trial, boolean blinded) {
		ResearchStudy study = TrialFixtures.study("R reference trial (" + prefix + ")");
		study.setId(prefix + "study");
		study.getMeta().addProfile(PROFILE + "TrialResearchStudy");
		study.addExtension("http://trialfhir.org/fhir/StructureDefinition/blinded", new BooleanType(blinded));
		resources.add(study);
		int index = 0;
		for (RTrial.SubjectRow row : trial.subjects) {
			boolean tokyo = index++ % 2 == 1;
			Patient patient = TrialFixtures.patient(prefix + row.id(), LocalDate.of(1950, 1, 1));
			patient.setId(patient(row.id()));
			if (row.death() != null) {
				patient.setDeceased(time(row.death(), tokyo));
			}
			resources.add(patient);
			ResearchSubject subject = TrialFixtures.subject("ResearchStudy/" + study.getIdPart(),
					"Patient/" + patient(row.id()), row.arm(), row.t0());
			subject.setId(subject(row.id()));
			subject.getPeriod().setStartElement(time(row.t0(), tokyo));
			if (row.periodEnd() != null) {
				subject.getPeriod().setEndElement(time(row.periodEnd(), tokyo));
				subject.setStatus(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
			}
			resources.add(subject);
		}
		trial.scores.forEach(row -> resources.add(derived(row, trial)));
		int n = 0;
		for (RTrial.PlateletRow row : trial.platelets) {
			Observation lab = TrialFixtures.lab("Patient/" + patient(row.subject()), "777-3", 0, row.unit(), row.time());
			lab.setId(prefix + "plt-" + n++);
			lab.getMeta().addProfile(PROFILE + "TrialLabResult");
			lab.setStatus(Observation.ObservationStatus.fromCode(row.status()));
			if (row.value() == null) {
				lab.setValue(null);
				lab.setDataAbsentReason(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", null)));
			} else {
				((Quantity) lab.getValue()).setValue(new BigDecimal(row.value()));
			}
			resources.add(lab);
		}
		n = 0;
		for (RTrial.BleedingRow row : trial.bleeding) {
			resources.add(bleeding(row, n++));
		}
	}

	private Observation derived(RTrial.ScoreRow row, RTrial trial) {
		RTrial.SubjectRow subject = trial.subjects.stream().filter(s -> s.id().equals(row.subject())).findFirst()
				.orElseThrow();
		String identifier = subject(row.subject()) + "-" + row.score() + "-" + row.day();
		Observation o = new Observation();
		o.setId(prefix + "d-" + row.subject() + "-" + row.score() + "-" + row.day());
		o.getMeta().addProfile(PROFILE + "TrialDerivedScore");
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/study-day", new IntegerType(row.day()));
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/algorithm-version",
				new StringType("trialfhir-scores-1.0.0"));
		o.addIdentifier(new Identifier().setSystem(AnalysisVariable.DERIVED_SCORE_SYSTEM).setValue(identifier));
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(new CodeableConcept(new Coding(SCORE, row.score(), null)));
		o.setSubject(new Reference("Patient/" + patient(row.subject())));
		Instant start = subject.t0().plusSeconds(86_400L * (row.day() - 1));
		o.setEffective(new Period().setStart(Date.from(start)).setEnd(Date.from(start.plusSeconds(86_400))));
		o.setValue(new IntegerType(row.value()));
		if (row.score().endsWith("-dic")) {
			Observation.ObservationComponentComponent diagnosis = o.addComponent()
					.setCode(new CodeableConcept(new Coding(SCORE, row.score() + "-diagnosis", null)));
			// the other DIC scores carry a diagnosis too (total >= 5): only JAAM's must be read
			String value = row.score().equals("jaam-dic") ? row.diagnosis() : Boolean.toString(row.value() >= 5);
			if (value.equals("unknown")) {
				diagnosis.setDataAbsentReason(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));
			} else {
				diagnosis.setValue(new BooleanType(Boolean.parseBoolean(value)));
			}
		} else {
			o.addComponent().setCode(new CodeableConcept(new Coding(SCORE, FIRST_COMPONENT.get(row.score()), null)))
					.setDataAbsentReason(new CodeableConcept(new Coding(
							"http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));
		}
		return o;
	}

	private AdverseEvent bleeding(RTrial.BleedingRow row, int n) {
		AdverseEvent event = new AdverseEvent();
		event.setId(prefix + "ae-" + n);
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		CodeableConcept code = new CodeableConcept(new Coding(BleedingEvent.SYSTEM, row.category(), null));
		if (row.codedIn().equals("category")) {
			event.addCategory(code);
		} else {
			event.setEvent(code);
		}
		event.setSubject(new Reference("Patient/" + patient(row.subject())));
		event.setDateElement(time(row.date(), n % 2 == 0));
		event.addStudy(new Reference("ResearchStudy/" + prefix + "study"));
		return event;
	}

	private String patient(String subject) {
		return prefix + "p-" + subject;
	}

	private String subject(String subject) {
		return prefix + "s-" + subject;
	}

	private static DateTimeType time(Instant instant, boolean tokyo) {
		DateTimeType time = new DateTimeType(Date.from(instant));
		if (tokyo) {
			time.setTimeZone(TOKYO);
		}
		return time;
	}
}
