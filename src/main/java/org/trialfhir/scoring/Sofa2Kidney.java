package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * SOFA-2 kidney (docs/scores-spec.md §14.4): creatinine (0–3), urine output per kg and hour over fully covered
 * trailing 6/12/24-h windows (1–3, E14), RRT or chronic dialysis (4, E12), else the RRT criteria (4, footnote p,
 * E13).
 */
final class Sofa2Kidney {

	static final double OLIGURIA = 0.5;
	static final double SEVERE_OLIGURIA = 0.3;
	static final double POTASSIUM = 6.0;
	static final double ACIDOSIS_PH = 7.20;
	static final double ACIDOSIS_HCO3 = 12;

	private Sofa2Kidney() {
	}

	/** What the urine windows of the day showed. */
	private record Urine(Integer points, boolean severeOliguria6h) {
	}

	static Integer points(DayInputs in, Tally t) {
		List<Measurement> creatinine = in.inDay(Analyte.CREATININE);
		Integer points = Worst.highestPoints(in, Analyte.CREATININE, Sofa2.CREATININE, t);
		Urine urine = urine(in, t);
		if (urine.points() != null) {
			points = points == null ? urine.points() : Math.max(points, urine.points());
		}
		if (rrt(in, t)) {
			return 4;
		}
		boolean renalArm = !creatinine.isEmpty() && Worst.max(creatinine).value() > 1.2 || urine.severeOliguria6h();
		if (renalArm && metabolicArm(in, t)) {
			t.flag(Flag.RRT_CRITERIA_MET, "RRT criteria met without RRT: kidney 4");
			return 4;
		}
		return points;
	}

	/** RRT for a renal indication overlapping the day or ended &lt; 72 h before it, or chronic dialysis. */
	private static boolean rrt(DayInputs in, Tally t) {
		for (OrganSupport s : in.supports()) {
			if (s.kind() == OrganSupport.Kind.NON_RENAL_PURIFICATION && s.overlaps(in.window())) {
				t.note("blood purification for a non-renal reason " + s.source() + ": not RRT (footnote o)");
			}
		}
		List<OrganSupport> sessions = in.supports().stream()
				.filter(s -> s.kind() == OrganSupport.Kind.RENAL_REPLACEMENT && s.start().isBefore(in.window().end()))
				.toList();
		for (OrganSupport s : sessions) {
			if (s.overlaps(in.window())) {
				t.useSource(s.source());
				t.note("RRT in the day: kidney 4");
				return true;
			}
		}
		for (OrganSupport s : sessions) {
			if (s.end() != null && s.end().plus(Sofa2.RRT_CARRY).isAfter(in.window().start())) {
				t.useSource(s.source());
				t.note("intermittent RRT, last session ended " + s.end() + " (< 72 h): kidney 4");
				return true;
			}
		}
		Recorded<Boolean> chronic = in.patient().chronicDialysis();
		if (chronic != null && Boolean.TRUE.equals(chronic.value())) {
			t.use(chronic);
			t.note("chronic dialysis: kidney 4");
			return true;
		}
		return false;
	}

	/** Potassium ≥ 6.0, or pH ≤ 7.20 with bicarbonate ≤ 12 (arterial pH first; venous flagged). */
	private static boolean metabolicArm(DayInputs in, Tally t) {
		List<Measurement> potassium = in.inDay(Analyte.POTASSIUM);
		if (!potassium.isEmpty() && Worst.max(potassium).value() >= POTASSIUM) {
			t.use(Worst.max(potassium));
			return true;
		}
		List<Measurement> hco3 = in.inDay(Analyte.HCO3);
		if (hco3.isEmpty() || Worst.min(hco3).value() > ACIDOSIS_HCO3) {
			return false;
		}
		List<Measurement> arterial = in.gasesInDay().stream().map(ArterialGas::ph).filter(p -> p != null).toList();
		if (!arterial.isEmpty() && Worst.min(arterial).value() <= ACIDOSIS_PH) {
			t.use(Worst.min(arterial));
			t.use(Worst.min(hco3));
			return true;
		}
		List<Measurement> venous = in.inDay(Analyte.PH_VENOUS);
		if (!venous.isEmpty() && Worst.min(venous).value() <= ACIDOSIS_PH) {
			t.use(Worst.min(venous));
			t.use(Worst.min(hco3));
			t.flag(Flag.VENOUS_PH_USED, "venous pH " + Worst.min(venous).value() + " used for the RRT criteria");
			return true;
		}
		return false;
	}

	/**
	 * Trailing 6, 12 and 24-h windows ending at each hour of the day and at each urine chart end in it; a window
	 * counts only when its charts cover it fully (E14). Rate = volume ÷ (covered hours × weight at the window end).
	 */
	private static Urine urine(DayInputs in, Tally t) {
		DayWindow day = in.window();
		TreeSet<Instant> ends = new TreeSet<>();
		for (int h = 1; h <= Duration.between(day.start(), day.end()).toHours(); h++) {
			ends.add(day.start().plusSeconds(3600L * h));
		}
		in.urineOutputs().stream().map(UrineOutput::end).filter(e -> e.isAfter(day.start()) && !e.isAfter(day.end()))
				.forEach(ends::add);
		Integer points = null;
		boolean severe6h = false;
		boolean weightMissing = false;
		for (Instant end : ends) {
			for (int hours : new int[] {6, 12, 24}) {
				Instant from = end.minus(Duration.ofHours(hours));
				List<UrineOutput> charts = in.urineOutputs().stream()
						.filter(u -> u.end().isAfter(from) && !u.end().isAfter(end)).toList();
				long coveredSeconds = charts.stream().mapToLong(u -> Duration.between(u.start(), u.end()).toSeconds())
						.sum();
				if (coveredSeconds < hours * 3600L) {
					continue;
				}
				double volume = Round.six(charts.stream().mapToDouble(UrineOutput::volumeMl).sum());
				int windowPoints = 0;
				if (hours == 12 && volume == 0 && charts.size() >= 2) {
					windowPoints = 3; // anuria ≥ 12 h
				}
				Measurement weight = weightAt(in, end);
				if (weight == null) {
					weightMissing = true;
				} else {
					double rate = Round.six(volume / (coveredSeconds / 3600.0 * weight.value()));
					if (hours == 6 && rate < OLIGURIA) {
						windowPoints = Math.max(windowPoints, 1);
					}
					if (hours == 6 && rate < SEVERE_OLIGURIA) {
						severe6h = true;
					}
					if (hours == 12 && rate < OLIGURIA) {
						windowPoints = Math.max(windowPoints, 2);
					}
					if (hours == 24 && rate < SEVERE_OLIGURIA) {
						windowPoints = 3;
					}
					t.use(weight);
				}
				if (weight != null || windowPoints > 0) {
					charts.forEach(u -> t.useSource(u.source()));
					points = points == null ? windowPoints : Math.max(points, windowPoints);
				}
			}
		}
		if (weightMissing) {
			t.flag(Flag.WEIGHT_MISSING, "urine output without a body weight: no mL/kg/h rate");
		}
		return new Urine(points, severe6h);
	}

	/**
	 * The last weight at or before {@code time}, else the first of the stay, else the eCRF admission weight (taken
	 * at the day's start, its source kept) (E11); null when none.
	 */
	private static Measurement weightAt(DayInputs in, Instant time) {
		List<Measurement> weights = new ArrayList<>(in.all(Analyte.WEIGHT_KG));
		weights.sort((a, b) -> a.time().compareTo(b.time()));
		Measurement latest = null;
		for (Measurement w : weights) {
			if (!w.time().isAfter(time)) {
				latest = w;
			}
		}
		if (latest != null || !weights.isEmpty()) {
			return latest != null ? latest : weights.get(0);
		}
		Recorded<Double> admission = in.patient().admissionWeightKg();
		return admission == null ? null : Measurement.of(admission.source(), in.window().start(), admission.value());
	}
}
