package org.trialfhir.derive;

import java.time.Instant;
import java.util.Optional;
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
import org.trialfhir.scoring.Vasopressor;
import org.trialfhir.units.TrialVariable;

/**
 * Which patient and which times a written resource affects, for re-derivation. Scoring inputs (Observations of a
 * scored variable, eCRF items, panels; organ-support Procedures; vasopressor and SOFA-2's sedative, delirium and
 * vasoactive MedicationAdministrations) affect
 * their own time or period; an eCRF item affects every later day; a ResearchSubject (T0, enrolment) or a Patient
 * (birth date, site) affects every day. Derived Observations and everything else affect nothing.
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
			return Sofa2InputReader.kind(p) != null && p.hasPerformedPeriod()
					? period(p.getSubject(), p.getPerformedPeriod()) : Optional.empty();
		}
		if (resource instanceof MedicationAdministration m) {
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

	private static boolean isScored(CodeableConcept concept) {
		return concept.getCoding().stream().anyMatch(c -> c.hasSystem() && c.hasCode()
				&& TrialVariable.byCode(c.getSystem(), c.getCode()).map(TrialVariable::scored).orElse(false));
	}

	private static boolean isVasopressor(MedicationAdministration m) {
		return m.hasMedicationCodeableConcept() && m.getMedicationCodeableConcept().getCoding().stream()
				.anyMatch(c -> Vasopressor.RXNORM.equals(c.getSystem()) && Vasopressor.byRxNorm(c.getCode()).isPresent());
	}
}
