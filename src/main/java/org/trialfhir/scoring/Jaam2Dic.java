package org.trialfhir.scoring;

/**
 * JAAM-2 DIC (Yamakawa et al., Thromb Haemost 2024;124:1003–1012, Table 2). docs/scores-spec.md §13, E21–E23. DIC
 * when total ≥ 3 (range 0–7).
 *
 * <p>JAAM (§6) without its SIRS item and with the cut-off lowered from 4 to 3. The platelet (count or 24-h fall),
 * PT-ratio and FDP items are JAAM's own, computed by the same code: JAAM-2 total = JAAM total − SIRS item, so a
 * JAAM-positive day is always JAAM-2-positive. Missing: an item without data is null, listed, counts 0, and adds
 * its maximum to {@code maxPossible}.
 */
public final class Jaam2Dic {

	static final int CUTOFF = 3;

	private Jaam2Dic() {
	}

	public static DicResult score(DayInputs in) {
		Tally t = new Tally(in, "platelets", "pt_ratio", "pt_s", "inr", "fdp", "d_dimer");
		Integer platelets = JaamDic.platelets(in, t);
		t.component("platelets", platelets);
		Integer fdp = JaamDic.fdp(in, t);
		t.component("fdp", fdp);
		Double ratio = PtResolution.ratio(in, t);
		Integer pt = ratio == null ? null : JaamDic.PT_RATIO.score(ratio);
		t.component("pt_ratio", pt);

		int maxOfMissing = (platelets == null ? 3 : 0) + (fdp == null ? 3 : 0) + (pt == null ? 1 : 0);
		boolean applicable = Applicability.underlyingDisease(in.patient(), t);
		int total = t.sum();
		int maxPossible = total + maxOfMissing;
		Boolean dic = applicable ? DicResult.diagnose(total, maxPossible, CUTOFF) : null;
		return new DicResult("jaam-2-dic", total, t.components(), t.missing(), maxPossible, dic, applicable,
				t.flags(), t.notes(), t.sources());
	}
}
