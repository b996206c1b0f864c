package org.trialfhir.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.trialfhir.hapisql.StoredInputs.ObservationWindow;
import org.trialfhir.units.TrialVariable;

/**
 * How far beyond its own 24 h a study day's scores read inputs (docs/scores-spec.md), stated once and used both
 * ways: a derivation of some days reads the inputs around them ({@link #inputsOf}), and a changed input re-derives
 * the days around it ({@link ScoreDerivation#rederivePatient}; {@link InputChanges} adds the inputs read on days
 * further away).
 *
 * <p>Procedures and MedicationAdministrations (supports, RRT sessions carried 72 h, infusion stretches and sedation
 * episodes of any length) are few and always read whole; only Observations are narrowed to the window.
 */
final class DayReach {

	/**
	 * A day reads time-bound Observations up to this long before it starts: the JAAM and JAAM-2 platelet fall
	 * (a count of the 24 h before), SOFA-2's trailing urine windows (24 h), FiO₂ pairing (4 h; S/F 60 min).
	 */
	static final Duration BEFORE = Duration.ofHours(24);
	/**
	 * ... and up to this long after it ends: a later P/F or S/F within 60 min makes a reading transient (SOFA-2,
	 * E4); a period joined to an infusion stretch or episode can make its part in the day last the 1 h that counts
	 * (SOFA's sustained rate, SOFA-2 E9).
	 */
	static final Duration AFTER = Duration.ofHours(2);

	/**
	 * Observations read whatever their time: a body weight (the latest before a time, else the stay's first: dose
	 * rates, SOFA-2 urine, E11), a GCS (the last one before a sedation episode counts however old, E5) and every eCRF
	 * item (the latest recorded before the day ends). A coding without code stands for its whole system.
	 */
	static final List<Coding> ANY_TIME = anyTime();

	private DayReach() {
	}

	/**
	 * The inputs a derivation of {@code selection} reads: around its days when they are a range (a re-derivation,
	 * or every day from 1), null (everything) for explicit days.
	 */
	static ObservationWindow inputsOf(SubjectContext subject, DaySelection selection) {
		if (selection.explicit() != null) {
			return null;
		}
		Instant from = subject.window(selection.from()).start().minus(BEFORE);
		Instant to = selection.to() == null ? null : subject.window(selection.to()).end().plus(AFTER);
		return new ObservationWindow(from, to, ANY_TIME);
	}

	private static List<Coding> anyTime() {
		List<Coding> codings = new ArrayList<>();
		Stream.of(TrialVariable.WEIGHT_KG, TrialVariable.GCS, TrialVariable.GCS_MOTOR)
				.forEach(v -> v.codes().forEach(code -> codings.add(new Coding(v.system(), code, null))));
		codings.add(new Coding(Fhir.ECRF, null, null));
		return List.copyOf(codings);
	}
}
