package org.trialfhir.derive;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.scoring.ApacheIIResult;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.DicResult;
import org.trialfhir.scoring.Flag;
import org.trialfhir.scoring.JmhwResult;
import org.trialfhir.scoring.ScoreResult;
import org.trialfhir.scoring.Scores;
import org.trialfhir.scoring.SicResult;

/**
 * A score result as the derived Observation of docs/api.md §5.1 and profile TrialDerivedScore:
 * status final, code and components from CodeSystem trial-score, subject the Patient, effectivePeriod the study-day
 * window (in T0's offset), valueInteger the total, a missing component as {@code dataAbsentReason} (unknown; a DIC
 * diagnosis of a patient the score does not apply to: not-applicable), {@code derivedFrom} the input Observations,
 * other inputs (Procedure, MedicationAdministration: R4 derivedFrom cannot point at them) in extension
 * {@value #DERIVED_FROM}, every flag as extension {@value #SCORE_FLAG} (valueCode) and every note as a {@code note}.
 */
final class DerivedObservations {

	static final String PROFILE = "http://trialfhir.org/fhir/StructureDefinition/TrialDerivedScore";
	static final String IDENTIFIER_SYSTEM = "http://trialfhir.org/fhir/derived-score";
	static final String SCORE_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/trial-score";
	static final String STUDY_DAY = "http://trialfhir.org/fhir/StructureDefinition/study-day";
	static final String ALGORITHM_VERSION = "http://trialfhir.org/fhir/StructureDefinition/algorithm-version";
	static final String DERIVED_FROM = "http://trialfhir.org/fhir/StructureDefinition/derived-from";
	static final String SCORE_FLAG = "http://trialfhir.org/fhir/StructureDefinition/score-flag";
	static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

	private DerivedObservations() {
	}

	static boolean isDerived(Observation o) {
		return o.getIdentifier().stream().anyMatch(i -> IDENTIFIER_SYSTEM.equals(i.getSystem()));
	}

	/** {@code <ResearchSubject id>-<score>-<day>}. */
	static String identifierValue(String subjectId, String score, int day) {
		return subjectId + "-" + score + "-" + day;
	}

	static String identifierValue(Observation derived) {
		return derived.getIdentifier().stream().filter(i -> IDENTIFIER_SYSTEM.equals(i.getSystem())).findFirst()
				.orElseThrow().getValue();
	}

	/** Flag as a code: {@code COMPARATOR_USED} → {@code comparator-used}. */
	static String flagCode(Flag flag) {
		return flag.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The derived Observation of one score on one day; {@code sources} sorted ids of every input used. */
	static Observation render(SubjectContext subject, int day, ScoreResult result, Set<String> sources) {
		Observation o = new Observation();
		o.getMeta().addProfile(PROFILE);
		o.addExtension(STUDY_DAY, new IntegerType(day));
		o.addExtension(ALGORITHM_VERSION, new StringType(Scores.ALGORITHM_VERSION));
		sources.stream().filter(s -> !s.startsWith("Observation/"))
				.forEach(s -> o.addExtension(DERIVED_FROM, new Reference(s)));
		result.flags().forEach(f -> o.addExtension(SCORE_FLAG, new CodeType(flagCode(f))));
		o.addIdentifier().setSystem(IDENTIFIER_SYSTEM)
				.setValue(identifierValue(subject.subjectId(), result.code(), day));
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(score(result.code()));
		o.setSubject(new Reference("Patient/" + subject.patientId()));
		DayWindow window = subject.window(day);
		o.setEffective(new Period().setStartElement(dateTime(window.start(), subject.zone()))
				.setEndElement(dateTime(window.end(), subject.zone())));
		o.setValue(new IntegerType(result.total()));
		sources.stream().filter(s -> s.startsWith("Observation/")).forEach(s -> o.addDerivedFrom(new Reference(s)));
		result.notes().forEach(n -> o.addNote().setText(n));
		components(o, result);
		return o;
	}

	private static void components(Observation o, ScoreResult r) {
		if (r instanceof ApacheIIResult a) {
			component(o, "apache-ii-aps", a.aps());
			component(o, "apache-ii-age-points", a.agePoints());
			component(o, "apache-ii-chronic-points", a.chronicPoints());
		}
		for (Map.Entry<String, Integer> c : r.components().entrySet()) {
			component(o, r.componentCode(c.getKey()), c.getValue());
		}
		if (r instanceof DicResult d) {
			component(o, d.code() + "-diagnosis", d.diagnosis() == null ? null : new BooleanType(d.diagnosis()),
					d.applicable() ? "unknown" : "not-applicable");
			component(o, d.code() + "-max-possible", d.maxPossible());
		}
		if (r instanceof SicResult s) {
			component(o, "sic-diagnosis", s.diagnosis() == null ? null : new BooleanType(s.diagnosis()), "unknown");
			component(o, "sic-diagnosis-total-ge4",
					s.diagnosisTotalGe4() == null ? null : new BooleanType(s.diagnosisTotalGe4()), "unknown");
			component(o, "sic-max-possible", s.maxPossible());
		}
		if (r instanceof JmhwResult j) {
			component(o, "jmhw-dic-raw-total", j.rawTotal());
			component(o, "jmhw-dic-category", j.category() == null ? null : score(j.category().code()), "unknown");
			component(o, "jmhw-dic-diagnosis", j.diagnosis() == null ? null : new BooleanType(j.diagnosis()), "unknown");
			component(o, "jmhw-dic-max-possible", j.maxPossible());
		}
	}

	private static void component(Observation o, String code, Integer points) {
		component(o, code, points == null ? null : new IntegerType(points), "unknown");
	}

	private static void component(Observation o, String code, Type value, String absentReason) {
		ObservationComponentComponent c = o.addComponent().setCode(score(code));
		if (value != null) {
			c.setValue(value);
		} else {
			c.setDataAbsentReason(new CodeableConcept(new Coding(DATA_ABSENT_REASON, absentReason, null)));
		}
	}

	private static CodeableConcept score(String code) {
		return new CodeableConcept(new Coding(SCORE_SYSTEM, code, null));
	}

	private static DateTimeType dateTime(Instant instant, ZoneId zone) {
		TemporalPrecisionEnum precision = instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND
				: TemporalPrecisionEnum.MILLI;
		return new DateTimeType(Date.from(instant), precision, TimeZone.getTimeZone(zone));
	}
}
