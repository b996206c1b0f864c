package org.trialfhir.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sepsis-induced coagulopathy (Iba et al., BMJ Open 2017;7:e017046, Table 3; adopted by the ISTH in 2019).
 * docs/scores-spec.md §12, E18–E20. Total 0–6.
 *
 * <p>Variables: platelets (lowest), PT-INR (highest; else the PT ratio as a flagged surrogate when the site allows
 * it), and the same day's SOFA-1 respiration, cardiovascular, liver and renal points (§3), whose sum is capped at 2.
 * Window: the day. Missing: a lab item without data is null, listed, counts 0 and adds 2 to {@code maxPossible}; a
 * missing SOFA-1 part counts 0 and is listed, and the SOFA item may then still rise to 2.
 */
public final class Sic {

	static final int CUTOFF = 4;
	/** The derivation paper's extra condition: platelet + PT-INR points "exceeding 2" (E19). */
	static final int COAGULATION_CUTOFF = 3;
	static final Bands PLATELETS = Bands.atLeast(2, 150, 0, 100, 1);
	/** ≤ 1.2 → 0, &gt; 1.2 → 1, &gt; 1.4 → 2: closed at the top, as Table 3 prints it. */
	static final Bands PT_INR = Bands.above(0, 1.4, 2, 1.2, 1);
	static final int SOFA_ITEM_CAP = 2;
	/** The four SOFA-1 components Table 3 sums; coagulation and CNS are left out. */
	static final List<String> SOFA_PARTS = List.of("respiration", "cardiovascular", "liver", "renal");

	private Sic() {
	}

	/** SIC from the day's inputs, computing SOFA-1 first (§12: SIC reads SOFA-1, E18). */
	public static SicResult score(DayInputs in) {
		return score(in, Sofa.score(in));
	}

	/** SIC with the day's SOFA-1 result already computed from the same inputs. */
	public static SicResult score(DayInputs in, SofaResult sofa1) {
		Tally t = new Tally(in, "platelets", "inr", "pt_ratio", "pt_s");
		Integer platelets = Worst.lowestPoints(in, Analyte.PLATELETS, PLATELETS, t);
		t.component("platelets", platelets);
		Double inr = ptInr(in, t);
		Integer ptInr = inr == null ? null : PT_INR.score(inr);
		t.component("pt_inr", ptInr);

		int sofa4Sum = 0;
		List<String> sofaMissing = new ArrayList<>();
		for (String part : SOFA_PARTS) {
			Integer points = sofa1.components().get(part);
			if (points == null) {
				sofaMissing.add("sofa_" + part);
			} else {
				sofa4Sum += points;
			}
		}
		int sofaItem = Math.min(sofa4Sum, SOFA_ITEM_CAP);
		t.component("sofa", sofaItem);
		sofa1.sources().forEach(t::useSource);
		if (!sofaMissing.isEmpty()) {
			t.flag(Flag.SOFA_PART_MISSING, "SOFA-1 parts missing, counted 0: " + String.join(", ", sofaMissing));
		}

		int total = t.sum();
		int coagulation = (platelets == null ? 0 : platelets) + (ptInr == null ? 0 : ptInr);
		int missingLabPoints = (platelets == null ? 2 : 0) + (ptInr == null ? 2 : 0);
		int maxTotal = total + missingLabPoints + (sofaMissing.isEmpty() ? 0 : SOFA_ITEM_CAP - sofaItem);
		int maxCoagulation = coagulation + missingLabPoints;

		Boolean diagnosis = total >= CUTOFF && coagulation >= COAGULATION_CUTOFF ? Boolean.TRUE
				: maxTotal < CUTOFF || maxCoagulation < COAGULATION_CUTOFF ? Boolean.FALSE : null;
		Boolean totalGe4 = DicResult.diagnose(total, maxTotal, CUTOFF);
		if (!Objects.equals(diagnosis, totalGe4)) {
			t.flag(Flag.SIC_RULE_DIVERGENT, "SIC by the derivation rule " + diagnosis + ", by total >= 4 " + totalGe4);
		}
		List<String> missing = new ArrayList<>(t.missing());
		missing.addAll(sofaMissing);
		return new SicResult(total, t.components(), sofa4Sum, coagulation, List.copyOf(missing), maxTotal, diagnosis,
				totalGe4, t.flags(), t.notes(), t.sources());
	}

	/** The day's highest PT-INR; without one, the PT ratio (§1.8 order) when the site allows it, flagged (E20). */
	private static Double ptInr(DayInputs in, Tally t) {
		List<Measurement> inrs = in.inDay(Analyte.INR);
		if (!inrs.isEmpty()) {
			t.use(inrs);
			return Worst.max(inrs).value();
		}
		if (!in.site().allowPtRatioForInr()) {
			return null;
		}
		Double ratio = PtResolution.ratio(in, t);
		if (ratio != null) {
			t.flag(Flag.PT_RATIO_FOR_INR, "PT-INR taken from PT ratio " + ratio + " (surrogate, E20)");
		}
		return ratio;
	}
}
