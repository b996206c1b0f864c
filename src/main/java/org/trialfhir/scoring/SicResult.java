package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SIC ({@code sic}: platelets, pt_inr, sofa; docs/scores-spec.md §12).
 *
 * @param sofa4Sum             SOFA-1 respiration + cardiovascular + liver + renal, missing parts counted 0
 * @param coagulation          platelet points + PT-INR points
 * @param missing              the missing SIC items, then the missing SOFA-1 parts as {@code sofa_<part>}
 * @param maxPossible          total + 2 per missing lab item + (2 − sofa item) when a SOFA-1 part is missing
 * @param diagnosis            the derivation-paper rule (E19): total ≥ 4 and coagulation ≥ 3; null = indeterminate
 * @param diagnosisTotalGe4    the "total ≥ 4" reading (E19); null = indeterminate
 */
public record SicResult(int total, Map<String, Integer> components, int sofa4Sum, int coagulation,
		List<String> missing, int maxPossible, Boolean diagnosis, Boolean diagnosisTotalGe4, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "sic";
	}
}
