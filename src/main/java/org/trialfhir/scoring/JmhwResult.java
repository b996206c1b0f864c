package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JMHW DIC: components underlying_disease, bleeding, organ_failure, fdp, platelets, fibrinogen, pt_ratio.
 *
 * @param rawTotal    sum of the item points (missing counted 0)
 * @param total       rawTotal, minus 3 for liver cirrhosis (may be negative)
 * @param maxPossible total plus the maximum points of every missing item
 * @param category    category at total; null when it differs from the category at maxPossible
 * @param diagnosis   DIC true when total ≥ cut-off (7, haematological type 4), false when maxPossible &lt;
 *                    cut-off, else null
 */
public record JmhwResult(int total, int rawTotal, Map<String, Integer> components, List<String> missing,
		int maxPossible, JmhwCategory category, Boolean diagnosis, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "jmhw-dic";
	}
}
