package org.trialfhir.scoring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SOFA (Vincent et al., Intensive Care Med 1996;22:707–710; table as Sepsis-3 Table 1; rules of mimic-code
 * {@code score/sofa.sql}). docs/scores-spec.md §3, D1–D5.
 *
 * <p>Variables: arterial gases with FiO₂ and support status, platelets, bilirubin, MAP, vasopressor infusions,
 * GCS, creatinine, urine output. Window: the day, worst value (§1.4). Missing: a component without data is null,
 * listed and counted 0 in the total.
 */
public final class Sofa {

	static final Bands PF_WITHOUT_SUPPORT = Bands.atLeast(2, 400, 0, 300, 1);
	static final Bands PLATELETS = Bands.atLeast(4, 150, 0, 100, 1, 50, 2, 20, 3);
	static final Bands BILIRUBIN = Bands.atLeast(0, 12, 4, 6, 3, 2, 2, 1.2, 1);
	static final Bands GCS = Bands.atLeast(4, 15, 0, 13, 1, 10, 2, 6, 3);
	static final Bands CREATININE = Bands.atLeast(0, 5, 4, 3.5, 3, 2, 2, 1.2, 1);
	static final Bands URINE = Bands.atLeast(4, 500, 0, 200, 3);

	private Sofa() {
	}

	public static SofaResult score(DayInputs in) {
		Tally t = new Tally(in, "pao2", "fio2", "pf_ratio", "platelets", "bilirubin", "map", "sbp", "dbp", "gcs",
				"creatinine", "urine_output", "weight_kg", "vasopressor");
		t.component("respiration", respiration(in, t));
		t.component("coagulation", Worst.lowestPoints(in, Analyte.PLATELETS, PLATELETS, t));
		t.component("liver", Worst.highestPoints(in, Analyte.BILIRUBIN, BILIRUBIN, t));
		t.component("cardiovascular", cardiovascular(in, t));
		t.component("cns", Worst.lowestPoints(in, Analyte.GCS, GCS, t));
		t.component("renal", renal(in, t));
		return new SofaResult(t.sum(), t.components(), t.missing(), t.flags(), t.notes(), t.sources());
	}

	/** Per gas with its own support status; a gas without support is capped at 2; the day's maximum. */
	private static Integer respiration(DayInputs in, Tally t) {
		Integer worst = null;
		for (FiO2Pairing.PairedGas p : FiO2Pairing.pair(in, t)) {
			ArterialGas gas = p.gas();
			double pf;
			if (gas.pao2() != null && p.fio2() != null) {
				pf = Round.six(gas.pao2().value() / p.fio2().value());
				t.use(gas.pao2());
				t.use(p.fio2());
			} else if (gas.pfRatio() != null) {
				pf = gas.pfRatio().value();
				t.use(gas.pfRatio());
			} else {
				if (gas.pao2() != null) {
					t.flag(Flag.GAS_SKIPPED, "gas at " + gas.time() + ": PaO2 without FiO2, no P/F for SOFA");
				}
				continue;
			}
			if (gas.onSupport() == null) {
				t.flag(Flag.SUPPORT_UNKNOWN, "gas at " + gas.time() + ": support unknown, scored as none");
			}
			boolean support = Boolean.TRUE.equals(gas.onSupport());
			int points = support && pf < 100 ? 4 : support && pf < 200 ? 3 : PF_WITHOUT_SUPPORT.score(pf);
			worst = worst == null ? points : Math.max(worst, points);
		}
		return worst;
	}

	/** Highest catecholamine tier given ≥ 1 h; MAP only decides when no agent qualifies. */
	private static Integer cardiovascular(DayInputs in, Tally t) {
		List<VasopressorInfusion> overlapping = in.vasopressors().stream()
				.filter(v -> v.end() == null ? v.start().isBefore(in.window().end())
						: !in.window().overlap(v.start(), v.end()).isZero())
				.toList();
		if (overlapping.isEmpty()) {
			t.flag(Flag.VASOPRESSOR_DATA_ABSENT, "no vasopressor record for the day: cardiovascular from MAP only");
		}
		overlapping.forEach(v -> t.useSource(v.source()));
		Map<Vasopressor, Double> rates = new EnumMap<>(Vasopressor.class);
		for (Vasopressor agent : Vasopressor.values()) {
			List<VasopressorInfusion> periods = in.vasopressors().stream().filter(v -> v.agent() == agent).toList();
			rates.put(agent, SustainedRate.highest(periods, in.window()));
		}
		int agents = Math.max(Math.max(dopamine(rates.get(Vasopressor.DOPAMINE)),
				rates.get(Vasopressor.DOBUTAMINE) > 0 ? 2 : 0),
				Math.max(epiOrNorepi(rates.get(Vasopressor.EPINEPHRINE)),
						epiOrNorepi(rates.get(Vasopressor.NOREPINEPHRINE))));
		if (agents > 0) {
			return agents;
		}
		if (!overlapping.isEmpty()) {
			t.note("vasopressor given this day but no rate was sustained for 1 h: not counted");
		}
		List<Measurement> map = in.inDay(Analyte.MAP);
		if (map.isEmpty()) {
			return null;
		}
		t.use(map);
		return Worst.min(map).value() < 70 ? 1 : 0;
	}

	private static int dopamine(double rate) {
		return rate > 15 ? 4 : rate > 5 ? 3 : rate > 0 ? 2 : 0;
	}

	private static int epiOrNorepi(double rate) {
		return rate > 0.1 ? 4 : rate > 0 ? 3 : 0;
	}

	/** Creatinine (highest) and urine output over a fully covered day; the higher score. */
	private static Integer renal(DayInputs in, Tally t) {
		Integer creatinine = Worst.highestPoints(in, Analyte.CREATININE, CREATININE, t);
		Integer urine = null;
		UrineVolume.Total total = UrineVolume.total(in.urineOutputs(), in.window());
		if (total != null) {
			total.used().forEach(u -> t.useSource(u.source()));
			urine = URINE.score(total.volumeMl());
			t.note("urine output " + total.volumeMl() + " mL over the day");
		} else if (in.urineOutputs().stream().anyMatch(u -> !in.window().overlap(u.start(), u.end()).isZero())) {
			t.flag(Flag.URINE_WINDOW_INCOMPLETE, "urine output periods do not cover the day: not used");
		}
		if (creatinine == null) {
			return urine;
		}
		return urine == null ? creatinine : Math.max(creatinine, urine);
	}
}
