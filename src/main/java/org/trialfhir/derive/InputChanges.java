package org.trialfhir.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.trialfhir.derive.RederiveQueue.Change;
import org.trialfhir.scoring.OrganSupport;
import org.trialfhir.scoring.Sofa2;
import org.trialfhir.scoring.Vasopressor;
import org.trialfhir.units.TrialVariable;

/**
 * Which patient and which times a written resource affects, for re-derivation. Scoring inputs (Observations of a
 * scored variable, eCRF items, panels; organ-support Procedures; vasopressor and SOFA-2's sedative, delirium and
 * vasoactive MedicationAdministrations) affect their own time or period, and further where a score reads them on
 * other days (docs/scores-spec.md): an eCRF item every later day; a GCS and a sedative infusion every later day
 * (SOFA-2's pre-sedation GCS, the last one before an episode, has no time limit, E5); an RRT session the 72 h after
 * it (SOFA-2 kidney, E12); a body weight every day (the latest one before a time, else the stay's first, E11 and the
 * vasopressor doses). A ResearchSubject (T0, enrolment) or a Patient (birth date, site) affects every day. Derived
 * Observations and everything else affect nothing. The look-arounds of a day (24 h) are added by
 * {@link ScoreDerivation#rederivePatient}.
 */
final class InputChanges {

	private static final long ALL_BEFORE = Long.MIN_VALUE;
	private static final long ALL_AFTER = Long.MAX_VALUE;

	private InputChanges() {
	}

	static Optional<Change> of(IBaseResource resource) {
		if (resource instanceof Observation o) {
			return observation(o);
		}
		if (resource instanceof Procedure p) {
			// SOFA's ventilation codes are among SOFA-2's advanced respiratory supports
			OrganSupport.Kind kind = Sofa2InputReader.kind(p);
			if (kind == null || !p.hasPerformedPeriod()) {
				return Optional.empty();
			}
			Optional<Change> period = period(p.getSubject(), p.getPerformedPeriod());
			return kind == OrganSupport.Kind.RENAL_REPLACEMENT ? period.map(c -> later(c, Sofa2.RRT_CARRY)) : period;
		}
		if (resource instanceof MedicationAdministration m) {
			if (Sofa2InputReader.isSedative(m)) {
				return administration(m).map(c -> new Change(c.patientId(), c.sinceMs(), ALL_AFTER));
			}
			return isVasopressor(m) || Sofa2InputReader.isInput(m) ? administration(m) : Optional.empty();
		}
		if (resource instanceof ResearchSubject s) {
			return change(s.getIndividual(), ALL_BEFORE, ALL_AFTER);
		}
		if (resource instanceof Patient p && p.getIdElement().hasIdPart()) {
			return Optional.of(new Change(p.getIdElement().getIdPart(), ALL_BEFORE, ALL_AFTER));
		}
		return Optional.empty();
	}

	private static Optional<Change> observation(Observation o) {
		if (DerivedObservations.isDerived(o)) {
			return Optional.empty();
		}
		Instant time = Fhir.effective(o);
		long at = time == null ? ALL_BEFORE : time.toEpochMilli();
		if (Fhir.coding(o.getCode(), Fhir.ECRF) != null) {
			return change(o.getSubject(), at, ALL_AFTER); // recorded once, read on every later day
		}
		boolean scored = isScored(o.getCode()) || o.getComponent().stream().anyMatch(c -> isScored(c.getCode()));
		if (!scored && !o.hasHasMember() || time == null) {
			return Optional.empty();
		}
		if (is(o, TrialVariable.WEIGHT_KG)) {
			return change(o.getSubject(), ALL_BEFORE, ALL_AFTER);
		}
		if (is(o, TrialVariable.GCS) || is(o, TrialVariable.GCS_MOTOR)) {
			return change(o.getSubject(), at, ALL_AFTER);
		}
		if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasEnd()) {
			return period(o.getSubject(), o.getEffectivePeriod());
		}
		return change(o.getSubject(), at, at);
	}

	private static Optional<Change> administration(MedicationAdministration m) {
		if (m.hasEffectivePeriod() && m.getEffectivePeriod().hasStart()) {
			return period(m.getSubject(), m.getEffectivePeriod());
		}
		if (m.hasEffectiveDateTimeType() && m.getEffectiveDateTimeType().getValue() != null) {
			long at = m.getEffectiveDateTimeType().getValue().getTime();
			return change(m.getSubject(), at, at);
		}
		return Optional.empty();
	}

	private static Optional<Change> period(Reference subject, Period period) {
		if (!period.hasStart()) {
			return Optional.empty();
		}
		return change(subject, period.getStart().getTime(), period.hasEnd() ? period.getEnd().getTime() : ALL_AFTER);
	}

	private static Optional<Change> change(Reference subject, long since, long until) {
		if (subject == null || !"Patient".equals(subject.getReferenceElement().getResourceType())
				|| !subject.getReferenceElement().hasIdPart()) {
			return Optional.empty();
		}
		return Optional.of(new Change(subject.getReferenceElement().getIdPart(), since, until));
	}

	/** The change reaching {@code carry} further: what a score reads for that long after the input ends. */
	private static Change later(Change change, Duration carry) {
		long until = change.untilMs() == ALL_AFTER ? ALL_AFTER : change.untilMs() + carry.toMillis();
		return new Change(change.patientId(), change.sinceMs(), until);
	}

	private static boolean is(Observation o, TrialVariable variable) {
		return Stream.concat(Stream.of(o.getCode()), o.getComponent().stream().map(c -> c.getCode()))
				.flatMap(concept -> concept.getCoding().stream()).anyMatch(c -> c.hasSystem() && c.hasCode()
						&& TrialVariable.byCode(c.getSystem(), c.getCode()).filter(variable::equals).isPresent());
	}

	private static boolean isScored(CodeableConcept concept) {
		return concept.getCoding().stream().anyMatch(c -> c.hasSystem() && c.hasCode()
				&& TrialVariable.byCode(c.getSystem(), c.getCode()).map(TrialVariable::scored).orElse(false));
	}

	private static boolean isVasopressor(MedicationAdministration m) {
		return m.hasMedicationCodeableConcept() && m.getMedicationCodeableConcept().getCoding().stream()
				.anyMatch(c -> Vasopressor.RXNORM.equals(c.getSystem()) && Vasopressor.byRxNorm(c.getCode()).isPresent());
	}
}
