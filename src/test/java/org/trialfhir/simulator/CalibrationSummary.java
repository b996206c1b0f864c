package org.trialfhir.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians of the rough scores and platelets per study day, and 28-day mortality, of a simulated trial. */
record CalibrationSummary(TrialData trial) {

	/** Median over subjects with data on {@code day}, all arms (arm null) or one arm. */
	double median(int day, String arm, ToDoubleFunction<RoughScores> score) {
		List<Double> values = new ArrayList<>();
		for (TrialData.Subject s : trial.subjects.values()) {
			RoughScores scores = new RoughScores(s, day);
			if ((arm == null || arm.equals(s.arm)) && scores.hasData()) {
				values.add(score.applyAsDouble(scores));
			}
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		if (n == 0) {
			return Double.NaN;
		}
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** Median of each subject's lowest platelet count on {@code day}, for one arm. */
	double medianPlatelets(int day, String arm) {
		return median(day, arm, RoughScores::lowestPlatelets);
	}

	double mortality28() {
		long deaths = trial.subjects.values().stream()
				.filter(s -> s.death != null && s.death.isBefore(s.t0.plus(Duration.ofDays(28)))).count();
		return (double) deaths / trial.subjects.size();
	}

	String report() {
		StringBuilder out = new StringBuilder("day  APACHE  SOFA  SIRS  JAAM  plt-rTM  plt-control  n\n");
		for (int day : new int[] {1, 2, 3, 4, 5, 7, 10}) {
			int n = (int) trial.subjects.values().stream().filter(s -> new RoughScores(s, day).hasData()).count();
			out.append(String.format("%3d %7.1f %5.1f %5.1f %5.1f %8.0f %12.0f %3d%n", day,
					median(day, null, RoughScores::apache), median(day, null, RoughScores::sofa),
					median(day, null, RoughScores::sirs), median(day, null, RoughScores::jaam),
					medianPlatelets(day, "rTM"), medianPlatelets(day, "control"), n));
		}
		return out.append("28-day mortality ").append(mortality28()).append('\n').toString();
	}
}
