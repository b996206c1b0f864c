package org.trialfhir.interim;

import java.util.List;
import org.trialfhir.stats.GroupSequential.Boundary;

/**
 * One look, computed: what the Parameters, CSV and HTML renderings show.
 *
 * @param blinded     the study is blinded (whatever the token)
 * @param boundaries  one per look of the (possibly re-planned) design: the recorded fractions, this look's, then the
 *                    planned ones after it
 * @param recorded    the looks recorded before (for the boundary chart)
 * @param statistic   null when the arms are hidden or no outcome is known yet
 * @param power       null when the statistic is, or at the final look
 * @param decision    null when the statistic is
 */
record InterimResult(String studyId, String title, boolean blinded, GroupSequentialDesign design, int look, double informationFraction,
		List<Boundary> boundaries, List<RecordedLook> recorded, Outcomes outcomes, boolean armsShown,
		Statistic statistic, Power power, String decision, List<String> notes) {

	InterimResult {
		boundaries = List.copyOf(boundaries);
		recorded = List.copyOf(recorded);
		notes = List.copyOf(notes);
	}

	/** The boundary of this look. */
	Boundary current() {
		return boundaries.get(look - 1);
	}

	/**
	 * The look's comparison of the first arm with the second.
	 *
	 * @param z        (p₁ − p₂)/SE₀ with the pooled SE; null when SE₀ = 0
	 * @param lower    RD − c_k·SE (unpooled SE), the repeated confidence interval; null when c_k is infinite
	 */
	record Statistic(int n1, int deaths1, int n2, int deaths2, Double z, Double nominalP, double riskDifference,
			Double lower, Double upper, List<String> notes) {

		Statistic {
			notes = List.copyOf(notes);
		}
	}

	/** Conditional power of crossing the final boundary in favour of the first arm. */
	record Power(double underCurrentTrend, double underNull, Double underDesign, List<String> notes) {

		Power {
			notes = List.copyOf(notes);
		}
	}
}
