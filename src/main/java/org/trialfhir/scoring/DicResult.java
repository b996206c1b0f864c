package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JAAM ({@code jaam-dic}: sirs, platelets, pt_ratio, fdp; DIC ≥ 4), JAAM-2 ({@code jaam-2-dic}: platelets, fdp,
 * pt_ratio; DIC ≥ 3) or ISTH ({@code isth-dic}: platelets,
 * fibrin_marker, pt_prolongation, fibrinogen; overt DIC ≥ 5).
 *
 * @param maxPossible total plus the maximum points of every missing item (§1.5)
 * @param diagnosis   true when total ≥ cut-off, false when maxPossible &lt; cut-off, else null (indeterminate);
 *                    also null when not applicable
 * @param applicable  underlying disease present (or not recorded: assumed, flagged)
 */
public record DicResult(String code, int total, Map<String, Integer> components, List<String> missing,
		int maxPossible, Boolean diagnosis, boolean applicable, Set<Flag> flags, List<String> notes,
		Set<String> sources) implements ScoreResult {

	/** Diagnosis by the max_possible rule (D18). */
	static Boolean diagnose(int total, int maxPossible, int cutoff) {
		if (total >= cutoff) {
			return true;
		}
		return maxPossible < cutoff ? false : null;
	}
}
