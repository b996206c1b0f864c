package org.trialfhir.scoring;

import java.util.List;

/**
 * JMHW DIC criteria (厚生省DIC診断基準; Kobayashi et al., Bibl Haematol 1983;49:265–275, revised 1988).
 * docs/scores-spec.md §8, D17, D19, D20.
 *
 * <p>Variables: eCRF underlying disease, bleeding, organ failure; FDP (highest; D-dimer never replaces it);
 * platelets (lowest; bands closed at the top, 120 → 1); fibrinogen (lowest); PT ratio (§1.8). Haematological
 * type: bleeding and platelets score 0, DIC ≥ 4, suspected 3. Liver cirrhosis: total = raw − 3, non-haematological
 * thresholds (DIC ≥ 7, suspected 6); with both, cirrhosis wins (D20). Window: the day. Missing: null, listed,
 * counts 0, adds its maximum to {@code maxPossible}; the category is null when it differs at maxPossible.
 */
public final class JmhwDic {

	static final Bands FDP = Bands.atLeast(0, 40, 3, 20, 2, 10, 1);
	static final Bands PLATELETS = Bands.above(3, 120, 0, 80, 1, 50, 2);
	static final Bands FIBRINOGEN = Bands.above(2, 150, 0, 100, 1);
	static final Bands PT_RATIO = Bands.atLeast(0, 1.67, 2, 1.25, 1);

	private JmhwDic() {
	}

	public static JmhwResult score(DayInputs in) {
		Tally t = new Tally(in, "fdp", "platelets", "fibrinogen", "pt_ratio", "pt_s", "inr");
		PatientFacts p = in.patient();
		boolean cirrhosis = isTrue(p.liverCirrhosis(), t);
		boolean hematologic = isTrue(p.hematologicMalignancy(), t) && !cirrhosis;
		if (cirrhosis && isTrue(p.hematologicMalignancy(), t)) {
			t.flag(Flag.HEMATOLOGIC_WITH_CIRRHOSIS, "haematological type with cirrhosis: cirrhosis rule used (D20)");
		}
		if (p.hematologicMalignancy() == null || p.liverCirrhosis() == null) {
			t.note("haematological type or cirrhosis not recorded: taken as absent");
		}
		if (hematologic) {
			t.flag(Flag.HEMATOLOGIC_TYPE, "haematological type: bleeding and platelets score 0, DIC >= 4");
		}
		int maxOfMissing = 0;
		maxOfMissing += item(t, "underlying_disease", clinical(p.underlyingDisease(), t), 1);
		maxOfMissing += item(t, "bleeding", hematologic ? Integer.valueOf(0) : clinical(p.bleeding(), t), 1);
		maxOfMissing += item(t, "organ_failure", clinical(p.organFailure(), t), 1);
		List<Measurement> fdp = in.inDay(Analyte.FDP);
		t.use(fdp);
		if (fdp.isEmpty() && !in.inDay(Analyte.D_DIMER).isEmpty()) {
			t.note("D-dimer does not replace FDP in the JMHW criteria (supplementary finding only)");
		}
		maxOfMissing += item(t, "fdp", fdp.isEmpty() ? null : FDP.score(Worst.max(fdp).value()), 3);
		Integer platelets = hematologic ? Integer.valueOf(0) : Worst.lowestPoints(in, Analyte.PLATELETS, PLATELETS, t);
		maxOfMissing += item(t, "platelets", platelets, 3);
		maxOfMissing += item(t, "fibrinogen", Worst.lowestPoints(in, Analyte.FIBRINOGEN, FIBRINOGEN, t), 2);
		Double ratio = PtResolution.ratio(in, t);
		maxOfMissing += item(t, "pt_ratio", ratio == null ? null : PT_RATIO.score(ratio), 2);

		int raw = t.sum();
		int total = cirrhosis ? raw - 3 : raw;
		if (cirrhosis) {
			t.flag(Flag.LIVER_CIRRHOSIS, "liver cirrhosis: total = raw total " + raw + " - 3");
		}
		int maxPossible = total + maxOfMissing;
		int dicCut = hematologic ? 4 : 7;
		JmhwCategory atTotal = category(total, dicCut);
		JmhwCategory category = atTotal == category(maxPossible, dicCut) ? atTotal : null;
		return new JmhwResult(total, raw, t.components(), t.missing(), maxPossible, category,
				DicResult.diagnose(total, maxPossible, dicCut), t.flags(), t.notes(), t.sources());
	}

	/** Records the item; returns the points it could add when missing. */
	private static int item(Tally t, String name, Integer points, int max) {
		t.component(name, points);
		return points == null ? max : 0;
	}

	private static Integer clinical(Recorded<Boolean> item, Tally t) {
		if (item == null || item.value() == null) {
			return null;
		}
		t.use(item);
		return item.value() ? 1 : 0;
	}

	private static boolean isTrue(Recorded<Boolean> item, Tally t) {
		if (item != null && Boolean.TRUE.equals(item.value())) {
			t.use(item);
			return true;
		}
		return false;
	}

	/** DIC at ≥ cut, suspected at cut − 1, unlikely below. */
	private static JmhwCategory category(int score, int dicCut) {
		return score >= dicCut ? JmhwCategory.DIC : score == dicCut - 1 ? JmhwCategory.SUSPECTED
				: JmhwCategory.UNLIKELY;
	}
}
