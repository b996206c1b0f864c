package org.trialfhir.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A minimal re-implementation of the SOFA, APACHE II, SIRS and JAAM DIC tables of docs/scores-spec.md (§3–§6), written
 * from the tables (not from the simulator), to check the simulator's calibration. Simplified: no flags, no
 * missing bookkeeping (missing scores 0), worst value over the study day, D-dimer not used for JAAM.
 */
final class RoughScores {
	private final TrialData.Subject s;
	private final int day;
	private final List<TrialData.Value> today;

	RoughScores(TrialData.Subject subject, int day) {
		this.s = subject;
		this.day = day;
		this.today = subject.values.stream().filter(v -> subject.day(v.time()) == day).toList();
	}

	boolean hasData() {
		return today.stream().anyMatch(v -> v.end() == null);
	}

	private double min(String code) {
		return today.stream().filter(v -> v.code().equals(code)).mapToDouble(TrialData.Value::canonical).min()
				.orElse(Double.NaN);
	}

	private double max(String code) {
		return today.stream().filter(v -> v.code().equals(code)).mapToDouble(TrialData.Value::canonical).max()
				.orElse(Double.NaN);
	}

	/** Arterial gases of the day: time → code → value (members share one time). */
	private Map<Instant, Map<String, Double>> gases() {
		return today.stream().filter(v -> List.of("2703-7", "3150-0", "2019-8").contains(v.code()))
				.collect(Collectors.groupingBy(TrialData.Value::time, TreeMap::new,
						Collectors.toMap(TrialData.Value::code, TrialData.Value::canonical)));
	}

	private boolean supported(Instant time) {
		return s.support.stream().anyMatch(p -> !time.isBefore(p.start()) && time.isBefore(p.end()));
	}

	int sofa() {
		int resp = 0;
		for (var gas : gases().entrySet()) {
			double pf = gas.getValue().get("2703-7") / gas.getValue().get("3150-0");
			boolean support = supported(gas.getKey());
			int points = pf < 100 && support ? 4 : pf < 200 && support ? 3 : pf < 300 ? 2 : pf < 400 ? 1 : 0;
			resp = Math.max(resp, points);
		}
		double plt = min("777-3");
		int coag = plt < 20 ? 4 : plt < 50 ? 3 : plt < 100 ? 2 : plt < 150 ? 1 : 0;
		double bil = max("1975-2") >= 0 ? max("1975-2") : max("14631-6");
		int liver = bil >= 12 ? 4 : bil >= 6 ? 3 : bil >= 2 ? 2 : bil >= 1.2 ? 1 : 0;
		double cre = Math.max(orZero(max("2160-0")), orZero(max("14682-9")));
		int renal = cre >= 5 ? 4 : cre >= 3.5 ? 3 : cre >= 2 ? 2 : cre >= 1.2 ? 1 : 0;
		Instant dayStart = s.t0.plus(Duration.ofHours(24L * (day - 1)));
		for (TrialData.Value urine : today.stream().filter(v -> v.end() != null).toList()) {
			boolean covers = !urine.time().isAfter(dayStart) && !urine.end().isBefore(dayStart.plus(Duration.ofHours(24)));
			if (covers) {
				renal = Math.max(renal, urine.canonical() < 200 ? 4 : urine.canonical() < 500 ? 3 : 0);
			}
		}
		double gcs = min("9269-2");
		int cns = gcs < 6 ? 4 : gcs < 10 ? 3 : gcs < 13 ? 2 : gcs < 15 ? 1 : 0;
		return resp + coag + liver + cardiovascular(dayStart) + cns + renal;
	}

	private int cardiovascular(Instant dayStart) {
		double norepinephrine = 0;
		double dopamine = 0;
		for (TrialData.Interval i : s.infusions) {
			boolean overlaps = i.start().isBefore(dayStart.plus(Duration.ofHours(24))) && i.end().isAfter(dayStart);
			if (overlaps && Duration.between(i.start(), i.end()).toMinutes() >= 60) {
				norepinephrine = Math.max(norepinephrine, i.code().equals("1745276") ? i.rate() : 0);
				dopamine = Math.max(dopamine, i.code().equals("1743862") ? i.rate() : 0);
			}
		}
		if (norepinephrine > 0.1 || dopamine > 15) {
			return 4;
		}
		if (norepinephrine > 0 || dopamine > 5) {
			return 3;
		}
		return dopamine > 0 ? 2 : min("8478-0") < 70 ? 1 : 0;
	}

	int sirs() {
		double temperatureMax = Math.max(orLow(max("8310-5")), orLow(max("8328-7")));
		double temperatureMin = Math.min(orHigh(min("8310-5")), orHigh(min("8328-7")));
		int count = temperatureMax > 38 || temperatureMin < 36 ? 1 : 0;
		count += max("8867-4") > 90 ? 1 : 0;
		count += max("9279-1") > 20 || min("2019-8") < 32 ? 1 : 0;
		count += max("6690-2") > 12 || min("6690-2") < 4 ? 1 : 0;
		return count;
	}

	int jaam() {
		int total = sirs() >= 3 ? 1 : 0;
		double plt = min("777-3");
		int platelets = plt < 80 ? 3 : plt < 120 ? 1 : 0;
		for (TrialData.Value later : today.stream().filter(v -> v.code().equals("777-3")).toList()) {
			for (TrialData.Value earlier : s.values) {
				long minutes = Duration.between(earlier.time(), later.time()).toMinutes();
				if (earlier.code().equals("777-3") && minutes > 0 && minutes <= 24 * 60) {
					double fall = (earlier.canonical() - later.canonical()) / earlier.canonical();
					platelets = Math.max(platelets, fall >= 0.5 ? 3 : fall >= 0.3 ? 1 : 0);
				}
			}
		}
		total += platelets;
		total += max("5894-1") >= 1.2 ? 1 : 0;
		double fdp = max("30226-5");
		return total + (fdp >= 25 ? 3 : fdp >= 10 ? 1 : 0);
	}

	int apache() {
		int aps = band(new double[] {30, 32, 34, 36, 38.5, 39, 41}, new int[] {4, 3, 2, 1, 0, 1, 3, 4},
				"8310-5", "8328-7");
		aps += band(new double[] {50, 70, 110, 130, 160}, new int[] {4, 2, 0, 2, 3, 4}, "8478-0");
		aps += band(new double[] {40, 55, 70, 110, 140, 180}, new int[] {4, 3, 2, 0, 2, 3, 4}, "8867-4");
		aps += band(new double[] {6, 10, 12, 25, 35, 50}, new int[] {4, 2, 1, 0, 1, 3, 4}, "9279-1");
		aps += band(new double[] {7.15, 7.25, 7.33, 7.5, 7.6, 7.7}, new int[] {4, 3, 2, 0, 1, 3, 4}, "2744-1");
		aps += band(new double[] {111, 120, 130, 150, 155, 160, 180}, new int[] {4, 3, 2, 0, 1, 2, 3, 4}, "2951-2");
		aps += band(new double[] {2.5, 3.0, 3.5, 5.5, 6.0, 7.0}, new int[] {4, 2, 1, 0, 1, 3, 4}, "2823-3");
		int creatinine = band(new double[] {0.6, 1.5, 2.0, 3.5}, new int[] {2, 0, 2, 3, 4}, "2160-0", "14682-9");
		aps += "true".equals(s.ecrf.get("acute-renal-failure")) ? 2 * creatinine : creatinine;
		aps += band(new double[] {20, 30, 46, 50, 60}, new int[] {4, 2, 0, 1, 2, 4}, "20570-8");
		aps += band(new double[] {1, 3, 15, 20, 40}, new int[] {4, 2, 0, 1, 2, 4}, "6690-2");
		double gcs = min("9269-2");
		aps += Double.isNaN(gcs) ? 0 : 15 - (int) gcs;
		int oxygenation = 0;
		for (Map<String, Double> gas : gases().values()) {
			double fio2 = gas.get("3150-0");
			if (fio2 >= 0.5) {
				double aado2 = fio2 * (760 - 47) - gas.get("2019-8") / 0.8 - gas.get("2703-7");
				oxygenation = Math.max(oxygenation, aado2 >= 500 ? 4 : aado2 >= 350 ? 3 : aado2 >= 200 ? 2 : 0);
			} else {
				double pao2 = gas.get("2703-7");
				oxygenation = Math.max(oxygenation, pao2 < 55 ? 4 : pao2 < 61 ? 3 : pao2 <= 70 ? 1 : 0);
			}
		}
		return aps + oxygenation + agePoints() + chronicPoints();
	}

	private int agePoints() {
		int age = Period.between(s.birthDate, s.t0.atOffset(ZoneOffset.UTC).toLocalDate()).getYears();
		return age >= 75 ? 6 : age >= 65 ? 5 : age >= 55 ? 3 : age >= 45 ? 2 : 0;
	}

	private int chronicPoints() {
		if (!"true".equals(s.ecrf.get("chronic-health"))) {
			return 0;
		}
		return "elective-postoperative".equals(s.ecrf.get("operative-status")) ? 2 : 5;
	}

	/** Points of the worse of the day's min and max; a band [cuts[i−1], cuts[i]) scores points[i]. */
	private int band(double[] cuts, int[] points, String... codes) {
		int worst = 0;
		for (TrialData.Value v : today) {
			if (List.of(codes).contains(v.code())) {
				int i = 0;
				while (i < cuts.length && v.canonical() >= cuts[i]) {
					i++;
				}
				worst = Math.max(worst, points[i]);
			}
		}
		return worst;
	}

	double lowestPlatelets() {
		return min("777-3");
	}

	private static double orZero(double v) {
		return Double.isNaN(v) ? 0 : v;
	}

	private static double orLow(double v) {
		return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
	}

	private static double orHigh(double v) {
		return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
	}
}
