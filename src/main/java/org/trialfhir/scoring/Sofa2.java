package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * SOFA-2 (Ranzani, Singer, Salluh et al., JAMA 2025, doi:10.1001/jama.2025.20516, Table 2 and its footnotes).
 * docs/scores-spec.md §14, decisions E1–E17.
 *
 * <p>Variables: GCS (total, else best motor response), sedative infusions and delirium drugs; P/F per gas and S/F
 * per SpO₂ with advanced respiratory support and ECMO; norepinephrine + epinephrine, dopamine, other vasoactive
 * infusions, mechanical circulatory support and MAP; bilirubin; creatinine, urine output per kg and hour, RRT and
 * the RRT criteria (potassium, pH, bicarbonate); platelets. Window: the study day, worst value (§1.4). Missing: a
 * component without data is null, listed and counted 0 in the total; no carry-forward (E16). A ceiling of treatment
 * recorded for the day lifts the respiratory cap and switches MAP to the MAP-only bands (E2).
 */
public final class Sofa2 {

	static final Bands GCS = Bands.atLeast(4, 15, 0, 13, 1, 9, 2, 6, 3);
	/** Footnote d: M6 → 0, M5 → 1, M4 → 2, M3 → 3, M2/M1 → 4. */
	static final Bands GCS_MOTOR = Bands.atLeast(4, 6, 0, 5, 1, 4, 2, 3, 3);
	/** P/F (mmHg), closed at the top as Table 2 prints it: &gt; 300 → 0, ≤ 300 → 1, ≤ 225 → 2, ≤ 150 → 3, ≤ 75 → 4. */
	static final Bands PF = Bands.above(4, 300, 0, 225, 1, 150, 2, 75, 3);
	/** S/F: &gt; 300 → 0, ≤ 300 → 1, ≤ 250 → 2, ≤ 200 → 3, ≤ 120 → 4 (footnote f). */
	static final Bands SF = Bands.above(4, 300, 0, 250, 1, 200, 2, 120, 3);
	/** Without advanced ventilatory support at most 2 points (footnote h), unless a ceiling of treatment (E2). */
	static final int UNSUPPORTED_CAP = 2;
	/** S/F only below this SpO₂ (%), where the oximeter still separates oxygenation levels (footnote f). */
	static final double SPO2_LIMIT = 98;
	static final Duration SF_FIO2_LOOK_BACK = Duration.ofMinutes(60);
	static final Duration TRANSIENT = Duration.ofMinutes(60);
	static final Bands BILIRUBIN = Bands.above(0, 12, 4, 6, 3, 3, 2, 1.2, 1);
	static final Bands CREATININE = Bands.above(0, 3.5, 3, 2, 2, 1.2, 1);
	static final Bands PLATELETS = Bands.above(4, 150, 0, 100, 1, 80, 2, 50, 3);
	/** mmHg per kPa as Table 2 pairs its columns (E17); the server's general factor is 7.50062. */
	static final double MMHG_PER_KPA = 7.5;
	/** Intermittent RRT keeps kidney at 4 until this long without a session (footnote q, E12). */
	public static final Duration RRT_CARRY = Duration.ofHours(72);

	private Sofa2() {
	}

	public static Sofa2Result score(DayInputs in) {
		Tally t = new Tally(in, "gcs", "gcs_motor", "pao2", "fio2", "pf_ratio", "spo2", "map", "sbp", "dbp",
				"vasopressor", "bilirubin", "creatinine", "urine_output", "weight_kg", "potassium", "ph", "ph_venous",
				"hco3", "platelets", "organ_support", "sofa2_drug");
		t.component("brain", Sofa2Brain.points(in, t));
		t.component("respiratory", respiratory(in, t));
		t.component("cardiovascular", Sofa2Cardiovascular.points(in, t));
		t.component("liver", Worst.highestPoints(in, Analyte.BILIRUBIN, BILIRUBIN, t));
		t.component("kidney", Sofa2Kidney.points(in, t));
		t.component("hemostasis", Worst.lowestPoints(in, Analyte.PLATELETS, PLATELETS, t));
		return new Sofa2Result(t.sum(), t.components(), t.missing(), t.flags(), t.notes(), t.sources());
	}

	/** One oxygenation reading with its points (already capped when unsupported). */
	private record Reading(Instant time, double ratio, int points, List<Measurement> inputs) {
	}

	/**
	 * Per reading with the support in force at its time; transient readings dropped (E4); S/F only in hours without
	 * a P/F (E3); any ECMO in the day → 4 (footnote i). The day's maximum.
	 */
	private static Integer respiratory(DayInputs in, Tally t) {
		List<OrganSupport> ecmo = in.supports().stream().filter(s -> s.kind().ecmo() && s.overlaps(in.window()))
				.toList();
		boolean supportRecorded = in.supports().stream()
				.anyMatch(s -> s.kind() == OrganSupport.Kind.ADVANCED_RESPIRATORY || s.kind().ecmo());
		boolean ceiling = ceilingOfTreatment(in);
		List<Reading> pf = pfReadings(in, t, ceiling);
		List<Reading> sf = sfReadings(in, t, ceiling);
		TreeSet<Long> pfHours = new TreeSet<>();
		pf.forEach(r -> pfHours.add(Duration.between(in.window().start(), r.time()).toHours()));
		List<Reading> sfKept = new ArrayList<>();
		for (Reading r : sf) {
			if (pfHours.contains(Duration.between(in.window().start(), r.time()).toHours())) {
				t.note("S/F at " + r.time() + " not used: a P/F exists in that hour");
			} else {
				sfKept.add(r);
			}
		}
		List<Reading> kept = new ArrayList<>(withoutTransients(pf, t));
		kept.addAll(withoutTransients(sfKept, t));
		if (!kept.isEmpty() && ceiling) {
			t.use(in.patient().ceilingOfTreatment());
			t.flag(Flag.CEILING_OF_TREATMENT, "ceiling of treatment recorded for the day: ratios scored without the cap of 2");
		} else if (!kept.isEmpty() && !supportRecorded) {
			t.flag(Flag.SUPPORT_UNKNOWN, "no respiratory support recorded for the patient: readings scored as without");
		}
		Integer worst = null;
		for (Reading r : kept) {
			t.use(r.inputs());
			worst = worst == null ? r.points() : Math.max(worst, r.points());
		}
		if (!ecmo.isEmpty()) {
			ecmo.forEach(s -> t.useSource(s.source()));
			t.note("ECMO running in the day: respiratory 4");
			return 4;
		}
		return worst;
	}

	/** The eCRF says support or vasoactives were unavailable or limited on this day (footnotes h and m, E2). */
	static boolean ceilingOfTreatment(DayInputs in) {
		Recorded<Boolean> ceiling = in.patient().ceilingOfTreatment();
		return ceiling != null && Boolean.TRUE.equals(ceiling.value());
	}

	private static List<Reading> pfReadings(DayInputs in, Tally t, boolean ceiling) {
		List<Reading> readings = new ArrayList<>();
		for (FiO2Pairing.PairedGas p : FiO2Pairing.pair(in, t)) {
			ArterialGas gas = p.gas();
			double ratio;
			List<Measurement> inputs;
			if (gas.pao2() != null && p.fio2() != null) {
				ratio = Round.six(pao2MmHg(gas.pao2()) / p.fio2().value());
				inputs = List.of(gas.pao2(), p.fio2());
			} else if (gas.pfRatio() != null) {
				ratio = gas.pfRatio().value();
				inputs = List.of(gas.pfRatio());
			} else {
				if (gas.pao2() != null) {
					t.flag(Flag.GAS_SKIPPED, "gas at " + gas.time() + ": PaO2 without FiO2, no P/F for SOFA-2");
				}
				continue;
			}
			readings.add(new Reading(gas.time(), ratio, capped(PF.score(ratio), ceiling || supported(in, gas.time())),
					inputs));
		}
		return readings;
	}

	/** SpO₂ &lt; 98 % over the last plausible FiO₂ charted in the 60 min before it (E3); no FiO₂ → no reading. */
	private static List<Reading> sfReadings(DayInputs in, Tally t, boolean ceiling) {
		List<Reading> readings = new ArrayList<>();
		for (Measurement spo2 : in.inDay(Analyte.SPO2)) {
			if (spo2.value() >= SPO2_LIMIT) {
				continue;
			}
			Optional<Measurement> fio2 = in.all(Analyte.FIO2).stream().filter(FiO2Pairing::plausible)
					.filter(f -> !f.time().isAfter(spo2.time())
							&& !f.time().isBefore(spo2.time().minus(SF_FIO2_LOOK_BACK)))
					.max(Comparator.comparing(Measurement::time));
			if (fio2.isEmpty()) {
				continue;
			}
			double ratio = Round.six(spo2.value() / fio2.get().value());
			readings.add(new Reading(spo2.time(), ratio, capped(SF.score(ratio), ceiling || supported(in, spo2.time())),
					List.of(spo2, fio2.get())));
		}
		return readings;
	}

	/** PaO₂ in mmHg; charted in kPa → × 7.5, Table 2's own factor (E17). */
	static double pao2MmHg(Measurement pao2) {
		return pao2.chartedKpa() != null ? Round.six(pao2.chartedKpa() * MMHG_PER_KPA) : pao2.value();
	}

	private static boolean supported(DayInputs in, Instant time) {
		return in.supports().stream()
				.anyMatch(s -> (s.kind() == OrganSupport.Kind.ADVANCED_RESPIRATORY || s.kind().ecmo()) && s.covers(time));
	}

	private static int capped(int points, boolean supported) {
		return supported ? points : Math.min(points, UNSUPPORTED_CAP);
	}

	/** Footnote g: a reading followed within 60 min by one of the same kind that scores fewer points is transient. */
	private static List<Reading> withoutTransients(List<Reading> readings, Tally t) {
		List<Reading> kept = new ArrayList<>();
		for (Reading r : readings) {
			boolean transientDrop = readings.stream().anyMatch(later -> later.time().isAfter(r.time())
					&& !later.time().isAfter(r.time().plus(TRANSIENT)) && later.points() < r.points());
			if (transientDrop) {
				t.flag(Flag.TRANSIENT_DROPPED, "ratio " + r.ratio() + " at " + r.time()
						+ " dropped: a reading within 60 min scores less (transient)");
			} else {
				kept.add(r);
			}
		}
		return kept;
	}
}
