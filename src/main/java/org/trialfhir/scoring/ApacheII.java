package org.trialfhir.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * APACHE II (Knaus et al., Crit Care Med 1985;13:818–829), applied per trial day (docs/scores-spec.md §4, D6, D9–D12).
 *
 * <p>Variables: temperature, MAP, heart rate, respiratory rate, oxygenation per arterial gas (A-aDO₂ when
 * FiO₂ ≥ 0.5, else PaO₂), arterial pH (serum HCO₃ only without any arterial pH), sodium, potassium, creatinine
 * (doubled with acute renal failure), haematocrit, WBC, GCS (15 − lowest); age and chronic-health points.
 * Window: the day; two-sided variables take the highest points over all values (§1.4). Missing: an APS item
 * without data is null, listed, and counts 0 (Knaus: assume normal); age/chronic health not recorded → 0, listed.
 */
public final class ApacheII {

	static final double WATER_VAPOUR_MMHG = 47;
	static final double RESPIRATORY_QUOTIENT = 0.8;

	private ApacheII() {
	}

	public static ApacheIIResult score(DayInputs in) {
		Tally t = new Tally(in, "temperature", "map", "sbp", "dbp", "heart_rate", "resp_rate", "pao2", "paco2",
				"fio2", "ph", "hco3", "sodium", "potassium", "creatinine", "hematocrit", "wbc", "gcs");
		t.component("temperature", twoSided(in, Analyte.TEMPERATURE, ApacheBands.TEMPERATURE, t));
		t.component("map", twoSided(in, Analyte.MAP, ApacheBands.MAP, t));
		t.component("heart_rate", twoSided(in, Analyte.HEART_RATE, ApacheBands.HEART_RATE, t));
		t.component("resp_rate", twoSided(in, Analyte.RESP_RATE, ApacheBands.RESP_RATE, t));
		t.component("oxygenation", oxygenation(in, t));
		t.component("acid_base", acidBase(in, t));
		t.component("sodium", twoSided(in, Analyte.SODIUM, ApacheBands.SODIUM, t));
		t.component("potassium", twoSided(in, Analyte.POTASSIUM, ApacheBands.POTASSIUM, t));
		t.component("creatinine", creatinine(in, t));
		t.component("hematocrit", twoSided(in, Analyte.HEMATOCRIT, ApacheBands.HEMATOCRIT, t));
		t.component("wbc", twoSided(in, Analyte.WBC, ApacheBands.WBC, t));
		List<Measurement> gcs = in.inDay(Analyte.GCS);
		t.use(gcs);
		t.component("gcs", gcs.isEmpty() ? null : (int) Math.max(0, 15 - Math.round(Worst.min(gcs).value())));
		int aps = t.sum();

		PatientFacts p = in.patient();
		Integer age = p.ageYears() == null ? null : ApacheBands.AGE.score(p.ageYears());
		Integer chronic = ChronicHealthPoints.of(p, t);
		List<String> missing = new ArrayList<>(t.missing());
		if (age == null) {
			missing.add("age_points");
		}
		if (chronic == null) {
			missing.add("chronic_points");
		}
		int total = aps + (age == null ? 0 : age) + (chronic == null ? 0 : chronic);
		return new ApacheIIResult(total, aps, age, chronic, t.components(), List.copyOf(missing), t.flags(),
				t.notes(), t.sources());
	}

	private static Integer twoSided(DayInputs in, Analyte analyte, Bands bands, Tally t) {
		List<Measurement> ms = in.inDay(analyte);
		t.use(ms);
		return Worst.points(ms, bands);
	}

	/** Highest points over the day's arterial gases; a gas that cannot be scored is skipped and flagged. */
	private static Integer oxygenation(DayInputs in, Tally t) {
		Integer worst = null;
		for (FiO2Pairing.PairedGas p : FiO2Pairing.pair(in, t)) {
			ArterialGas gas = p.gas();
			if (gas.pao2() == null) {
				continue;
			}
			Measurement fio2 = p.fio2();
			int points;
			if (fio2 == null) {
				t.flag(Flag.GAS_SKIPPED, "gas at " + gas.time() + ": no FiO2 with the gas or charted within 4 h");
				continue;
			} else if (fio2.value() >= 0.5) {
				if (gas.paco2() == null) {
					t.flag(Flag.GAS_SKIPPED, "gas at " + gas.time() + ": FiO2 >= 0.5 but no PaCO2 for A-aDO2");
					continue;
				}
				double aado2 = Round.six(fio2.value() * (in.site().atmosphericPressureMmHg() - WATER_VAPOUR_MMHG)
						- gas.paco2().value() / RESPIRATORY_QUOTIENT - gas.pao2().value());
				points = ApacheBands.AADO2.score(aado2);
				t.use(gas.paco2());
			} else {
				points = ApacheBands.pao2(gas.pao2().value());
			}
			t.use(gas.pao2());
			t.use(fio2);
			worst = worst == null ? points : Math.max(worst, points);
		}
		return worst;
	}

	/** Arterial pH if the day has any; otherwise serum HCO₃ (Knaus: "not preferred, but may use if no ABGs"). */
	private static Integer acidBase(DayInputs in, Tally t) {
		List<Measurement> ph = in.gasesInDay().stream().map(ArterialGas::ph).filter(m -> m != null).toList();
		if (!ph.isEmpty()) {
			t.use(ph);
			return Worst.points(ph, ApacheBands.PH);
		}
		List<Measurement> hco3 = in.inDay(Analyte.HCO3);
		if (hco3.isEmpty()) {
			return null;
		}
		t.flag(Flag.HCO3_FOR_PH, "no arterial pH this day: acid-base from serum HCO3");
		t.use(hco3);
		return Worst.points(hco3, ApacheBands.HCO3);
	}

	/** Double points for acute renal failure, every band including &lt; 0.6 (D10); ARF not recorded → no (D12). */
	private static Integer creatinine(DayInputs in, Tally t) {
		List<Measurement> cr = in.inDay(Analyte.CREATININE);
		if (cr.isEmpty()) {
			return null;
		}
		t.use(cr);
		Recorded<Boolean> arf = in.patient().acuteRenalFailure();
		if (arf == null || arf.value() == null) {
			t.flag(Flag.ARF_NOT_RECORDED, "acute renal failure not recorded: creatinine not doubled");
		}
		t.use(arf);
		boolean doubled = arf != null && Boolean.TRUE.equals(arf.value());
		return Worst.points(cr, ApacheBands.CREATININE) * (doubled ? 2 : 1);
	}
}
