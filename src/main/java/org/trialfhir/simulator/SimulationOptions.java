package org.trialfhir.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What to simulate. Defaults reproduce the published pilot's size: 42 subjects randomised 18:24 (rTM:control).
 *
 * @param ratioTreatment  rTM share of each allocation block (18 of 18:24)
 * @param ratioControl    control share of each allocation block (24 of 18:24)
 */
record SimulationOptions(int subjects, int days, long seed, Path out, Format format, Instant start, int sites,
		int ratioTreatment, int ratioControl) {

	enum Format { BUNDLE, NDJSON, BOTH }

	static final String USAGE = """
      usage: simulate --out DIR [--subjects N] [--days D] [--seed S] [--format bundle|ndjson|both]
                      [--start 2026-01-05T09:00:00Z] [--sites 1..3] [--ratio 18:24]
        --subjects N   subjects to enrol (default 42)
        --days D       study days of clinical data per subject, 1..99 (default 10)
        --seed S       random seed; the same seed gives byte-identical output (default 1)
        --out DIR      output directory (created if absent)
        --format F     bundle (default), ndjson, or both
        --start T      enrolment of the first subject opens at this instant (default 2026-01-05T09:00:00Z)
        --sites N      hospital sites: 1 = site-jp, 2 = + site-a, 3 = + site-b (default 3)
        --ratio A:B    allocation ratio rTM:control in permuted blocks (default 18:24, the pilot's)
      """;

	SimulationOptions {
		require(subjects >= 1, "--subjects must be at least 1");
		require(days >= 1 && days <= 99, "--days must be 1..99");
		require(out != null, "--out DIR is required");
		require(sites >= 1 && sites <= 3, "--sites must be 1..3");
		require(ratioTreatment >= 0 && ratioControl >= 0 && ratioTreatment + ratioControl > 0,
				"--ratio must be A:B with non-negative A, B not both 0");
	}

	static SimulationOptions parse(String... args) {
		int subjects = 42;
		int days = 10;
		long seed = 1;
		Path out = null;
		Format format = Format.BUNDLE;
		Instant start = Instant.parse("2026-01-05T09:00:00Z");
		int sites = 3;
		int[] ratio = {18, 24};
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			require(i + 1 < args.length, "missing value after " + name);
			String value = args[++i];
			try {
				switch (name) {
					case "--subjects" -> subjects = Integer.parseInt(value);
					case "--days" -> days = Integer.parseInt(value);
					case "--seed" -> seed = Long.parseLong(value);
					case "--out" -> out = Path.of(value);
					case "--format" -> format = Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
					case "--start" -> start = Instant.parse(value);
					case "--sites" -> sites = Integer.parseInt(value);
					case "--ratio" -> ratio = parseRatio(value);
					default -> throw new IllegalArgumentException("unknown option " + name);
				}
			} catch (NumberFormatException | DateTimeParseException e) {
				throw new IllegalArgumentException("bad value for " + name + ": " + value, e);
			}
		}
		return new SimulationOptions(subjects, days, seed, out, format, start, sites, ratio[0], ratio[1]);
	}

	private static int[] parseRatio(String value) {
		String[] parts = value.split(":");
		require(parts.length == 2, "--ratio must look like 18:24");
		return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
	}

	boolean writesBundles() {
		return format != Format.NDJSON;
	}

	boolean writesNdjson() {
		return format != Format.BUNDLE;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}
}
