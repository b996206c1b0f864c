package org.trialfhir.scoring;

import java.util.List;

/**
 * JAAM acute-phase DIC (Gando et al., Crit Care Med 2006;34:625–631; table as Yamakawa 2024 Table 2 and the
 * Japanese 急性期DIC診断基準). docs/scores-spec.md §6, D13–D19. DIC when total ≥ 4 (range 0–8).
 *
 * <p>Variables: SIRS criteria (§5), platelets (lowest) and their 24-h fall, PT ratio (§1.8), FDP (highest; D-dimer
 * only through the site's kit equivalence table). Window: the day; the fall looks back 24 h. Missing: an item
 * without data is null, listed, counts 0, and adds its maximum to {@code maxPossible}; the SIRS item is
 * indeterminate when met + missing criteria could still reach 3. The platelet, PT-ratio and FDP items are shared
 * with {@link Jaam2Dic}, so JAAM-positive implies JAAM-2-positive by construction.
 */
public final class JaamDic {

	static final int CUTOFF = 4;
	static final Bands PLATELETS = Bands.atLeast(3, 120, 0, 80, 1);
	static final Bands PT_RATIO = Bands.atLeast(0, 1.2, 1);
	static final Bands FDP = Bands.atLeast(0, 25, 3, 10, 1);

	private JaamDic() {
	}

	public static DicResult score(DayInputs in) {
		Tally t = new Tally(in, "temperature", "heart_rate", "resp_rate", "paco2", "wbc", "bands_pct", "platelets",
				"pt_ratio", "pt_s", "inr", "fdp", "d_dimer");
		int maxOfMissing = 0;
		Integer sirs = sirsItem(in, t);
		t.component("sirs", sirs);
		maxOfMissing += sirs == null ? 1 : 0;
		Integer platelets = platelets(in, t);
		t.component("platelets", platelets);
		maxOfMissing += platelets == null ? 3 : 0;
		Double ratio = PtResolution.ratio(in, t);
		t.component("pt_ratio", ratio == null ? null : PT_RATIO.score(ratio));
		maxOfMissing += ratio == null ? 1 : 0;
		Integer fdp = fdp(in, t);
		t.component("fdp", fdp);
		maxOfMissing += fdp == null ? 3 : 0;

		boolean applicable = Applicability.underlyingDisease(in.patient(), t);
		int total = t.sum();
		int maxPossible = total + maxOfMissing;
		Boolean dic = applicable ? DicResult.diagnose(total, maxPossible, CUTOFF) : null;
		return new DicResult("jaam-dic", total, t.components(), t.missing(), maxPossible, dic, applicable,
				t.flags(), t.notes(), t.sources());
	}

	/** 1 if ≥ 3 criteria met; 0 if met + missing &lt; 3; otherwise indeterminate (null). */
	private static Integer sirsItem(DayInputs in, Tally t) {
		SirsResult sirs = Sirs.score(in);
		sirs.sources().forEach(t::useSource);
		sirs.flags().forEach(t::flag);
		if (sirs.count() >= 3) {
			return 1;
		}
		return sirs.count() + sirs.missing().size() < 3 ? 0 : null;
	}

	/** The higher of the count score (lowest count) and the fall score (≥ 30 % → 1, ≥ 50 % → 3; D13). */
	static Integer platelets(DayInputs in, Tally t) {
		List<Measurement> counts = in.inDay(Analyte.PLATELETS);
		if (counts.isEmpty()) {
			return null;
		}
		t.use(counts);
		int byCount = PLATELETS.score(Worst.min(counts).value());
		Double fall = PlateletFall.largest(in, t);
		if (fall == null) {
			t.flag(Flag.PLATELET_FALL_NOT_EVALUABLE, "no platelet count within 24 h before a count of the day");
			return byCount;
		}
		int byFall = fall >= 50 ? 3 : fall >= 30 ? 1 : 0;
		if (byFall > byCount) {
			t.note("platelet item from a " + fall + " % fall within 24 h");
			// Gando 2006 and Yamakawa 2024 print "more than": the strict reading would score one step lower
			if (fall == 30 || fall == 50) {
				t.flag(Flag.PLATELET_FALL_AT_BOUNDARY, "platelet fall of exactly " + fall + " % scored inclusively");
			}
		}
		return Math.max(byCount, byFall);
	}

	/** Highest FDP; if none, D-dimer through the kit table [≡ FDP 10, ≡ FDP 25] (D17), flagged. */
	static Integer fdp(DayInputs in, Tally t) {
		List<Measurement> fdp = in.inDay(Analyte.FDP);
		if (!fdp.isEmpty()) {
			t.use(fdp);
			return FDP.score(Worst.max(fdp).value());
		}
		List<Measurement> dd = in.inDay(Analyte.D_DIMER);
		if (dd.isEmpty()) {
			return null;
		}
		Thresholds kit = in.site().ddimerFdpEquivalents();
		if (kit == null) {
			t.note("D-dimer present but no kit equivalence table set for the site: FDP item missing");
			return null;
		}
		t.use(dd);
		double worst = Worst.max(dd).value();
		t.flag(Flag.DDIMER_FOR_FDP, "FDP item from D-dimer " + worst + " ug/mL via kit equivalents "
				+ kit.lower() + " / " + kit.upper());
		return Bands.atLeast(0, kit.upper(), 3, kit.lower(), 1).score(worst);
	}
}
