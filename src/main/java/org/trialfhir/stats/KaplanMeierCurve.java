package org.trialfhir.stats;

import java.util.List;

/**
 * Kaplan-Meier estimate of one arm: one step per distinct death time (none when nobody died).
 *
 * @param subjects number of subjects
 * @param events number of deaths
 * @param steps the curve at each death time, in time order
 * @param notes e.g. that nobody died
 */
public record KaplanMeierCurve(int subjects, int events, List<KaplanMeierStep> steps, List<String> notes) {

	public KaplanMeierCurve {
		steps = List.copyOf(steps);
		notes = List.copyOf(notes);
	}
}
