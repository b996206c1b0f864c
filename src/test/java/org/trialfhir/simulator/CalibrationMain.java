package org.trialfhir.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Prints the calibration table for a simulated NDJSON directory (a tool for tuning, not a test). */
final class CalibrationMain {
	public static void main(String[] args) throws Exception {
		TrialData data = TrialData.read(Path.of(args[0]));
		System.out.print(new CalibrationSummary(data).report());
		if (args.length > 1) {
			TreeSet<String> codes = new TreeSet<>();
			data.subjects.values().forEach(s -> s.values.forEach(v -> codes.add(v.code())));
			for (String code : codes) {
				StringBuilder line = new StringBuilder(String.format("%-12s", code));
				for (int day : new int[] {1, 2, 3, 10}) {
					List<Double> mins = new ArrayList<>();
					List<Double> maxs = new ArrayList<>();
					for (TrialData.Subject s : data.subjects.values()) {
						var vs = s.values.stream().filter(v -> v.code().equals(code) && s.day(v.time()) == day)
								.mapToDouble(TrialData.Value::canonical).toArray();
						if (vs.length > 0) {
							mins.add(java.util.Arrays.stream(vs).min().getAsDouble());
							maxs.add(java.util.Arrays.stream(vs).max().getAsDouble());
						}
					}
					line.append(String.format("  d%d %7.2f %7.2f", day, med(mins), med(maxs)));
				}
				System.out.println(line);
			}
		}
	}

	static double med(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}
}
