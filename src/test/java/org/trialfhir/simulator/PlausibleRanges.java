package org.trialfhir.simulator;

import java.util.Map;

/**
 * Physiologically possible ranges, in canonical units, for a septic ICU population (wide on purpose: they catch
 * unit slips such as a ×10 or °F-as-°C, not unusual values). Written from clinical knowledge, not from the
 * simulator.
 */
final class PlausibleRanges {
	private static final Map<String, double[]> RANGES = Map.ofEntries(
			Map.entry("8867-4", new double[] {30, 220}), Map.entry("9279-1", new double[] {4, 60}),
			Map.entry("8310-5", new double[] {30, 43}), Map.entry("8328-7", new double[] {30, 43}),
			Map.entry("8478-0", new double[] {30, 160}), Map.entry("59408-5", new double[] {60, 100}),
			Map.entry("9269-2", new double[] {3, 15}), Map.entry("3150-0", new double[] {0.21, 1.0}),
			Map.entry("29463-7", new double[] {30, 150}), Map.entry("9187-6", new double[] {0, 6000}),
			Map.entry("777-3", new double[] {1, 800}), Map.entry("6690-2", new double[] {0.1, 80}),
			Map.entry("5902-2", new double[] {9, 60}), Map.entry("5894-1", new double[] {0.8, 5}),
			Map.entry("6301-6", new double[] {0.8, 6}), Map.entry("30226-5", new double[] {0.5, 400}),
			Map.entry("48065-7", new double[] {0.1, 200}), Map.entry("3255-7", new double[] {30, 900}),
			Map.entry("2160-0", new double[] {0.2, 15}), Map.entry("14682-9", new double[] {0.2, 15}),
			Map.entry("1975-2", new double[] {0.1, 40}), Map.entry("14631-6", new double[] {0.1, 40}),
			Map.entry("2951-2", new double[] {110, 175}), Map.entry("2823-3", new double[] {2, 8}),
			Map.entry("20570-8", new double[] {12, 60}), Map.entry("27811-9", new double[] {5, 150}),
			Map.entry("2524-7", new double[] {0.3, 25}), Map.entry("2703-7", new double[] {30, 600}),
			Map.entry("2019-8", new double[] {15, 100}), Map.entry("2744-1", new double[] {6.8, 7.7}),
			Map.entry("tnf-alpha", new double[] {0, 1000}), Map.entry("il-1beta", new double[] {0, 1000}),
			Map.entry("26881-3", new double[] {0, 100000}), Map.entry("hmgb1", new double[] {0, 500}),
			Map.entry("soluble-thrombomodulin", new double[] {0, 5000}), Map.entry("27818-4", new double[] {5, 150}),
			Map.entry("protein-s", new double[] {5, 150}));

	private PlausibleRanges() {
	}

	static double low(String code) {
		return range(code)[0];
	}

	static double high(String code) {
		return range(code)[1];
	}

	private static double[] range(String code) {
		double[] range = RANGES.get(code);
		if (range == null) {
			throw new AssertionError("no plausible range for " + code);
		}
		return range;
	}
}
