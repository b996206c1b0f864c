package org.trialfhir.scoring;

import java.util.List;

/**
 * ISTH overt DIC (Taylor et al., Thromb Haemost 2001;86:1327–1330; inclusive bounds as tabulated later, D7).
 * docs/scores-spec.md §7, D7, D8, D17. Overt DIC when total ≥ 5 (range 0–8); only with an underlying disorder.
 *
 * <p>Variables: platelets (lowest), fibrin-related marker (highest FDP with the site cut-offs, default 10/25 µg/mL;
 * else D-dimer with site cut-offs), PT prolongation over the control (highest; never INR), fibrinogen (lowest).
 * Window: the day. Missing: null, listed, counts 0, adds its maximum to {@code maxPossible}.
 */
public final class IsthDic {

	static final int CUTOFF = 5;
	static final Bands PLATELETS = Bands.atLeast(2, 100, 0, 50, 1);
	static final Bands PT_PROLONGATION = Bands.atLeast(0, 6, 2, 3, 1);
	/** mg/dL: ≥ 100 (1.0 g/L) → 0, below → 1. */
	static final Bands FIBRINOGEN = Bands.atLeast(1, 100, 0);

	private IsthDic() {
	}

	public static DicResult score(DayInputs in) {
		Tally t = new Tally(in, "platelets", "fdp", "d_dimer", "pt_s", "pt_ratio", "fibrinogen");
		Integer platelets = Worst.lowestPoints(in, Analyte.PLATELETS, PLATELETS, t);
		t.component("platelets", platelets);
		Integer marker = fibrinMarker(in, t);
		t.component("fibrin_marker", marker);
		Double prolongation = PtResolution.prolongationSeconds(in, t);
		Integer pt = prolongation == null ? null : PT_PROLONGATION.score(prolongation);
		t.component("pt_prolongation", pt);
		Integer fibrinogen = Worst.lowestPoints(in, Analyte.FIBRINOGEN, FIBRINOGEN, t);
		t.component("fibrinogen", fibrinogen);

		int maxOfMissing = (platelets == null ? 2 : 0) + (marker == null ? 3 : 0) + (pt == null ? 2 : 0)
				+ (fibrinogen == null ? 1 : 0);
		boolean applicable = Applicability.underlyingDisease(in.patient(), t);
		int total = t.sum();
		int maxPossible = total + maxOfMissing;
		Boolean overt = applicable ? DicResult.diagnose(total, maxPossible, CUTOFF) : null;
		return new DicResult("isth-dic", total, t.components(), t.missing(), maxPossible, overt, applicable,
				t.flags(), t.notes(), t.sources());
	}

	/** No / moderate / strong increase → 0 / 2 / 3, from FDP, else from D-dimer when the site set cut-offs. */
	private static Integer fibrinMarker(DayInputs in, Tally t) {
		List<Measurement> fdp = in.inDay(Analyte.FDP);
		if (!fdp.isEmpty()) {
			t.use(fdp);
			return marker(Worst.max(fdp).value(), in.site().isthFibrinMarkerFdp());
		}
		List<Measurement> dd = in.inDay(Analyte.D_DIMER);
		Thresholds cuts = in.site().isthFibrinMarkerDdimer();
		if (dd.isEmpty()) {
			return null;
		}
		if (cuts == null) {
			t.note("D-dimer present but no ISTH D-dimer cut-offs set for the site: fibrin marker missing");
			return null;
		}
		t.use(dd);
		double worst = Worst.max(dd).value();
		t.flag(Flag.DDIMER_FOR_FDP, "fibrin marker from D-dimer " + worst + " ug/mL, site cut-offs "
				+ cuts.lower() + " / " + cuts.upper());
		return marker(worst, cuts);
	}

	private static int marker(double value, Thresholds cuts) {
		return Bands.atLeast(0, cuts.upper(), 3, cuts.lower(), 2).score(value);
	}
}
