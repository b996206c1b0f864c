package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results in the long format of the CSV output ({@code section,variable,day,arm,statistic,value}), keyed so that R's
 * rows and ours can be matched. Days are keys too (survival rows carry event times), compared to 9 decimals.
 */
final class LongRows {

	static final double TOLERANCE = 1e-6;

	private final Map<String, String> values = new LinkedHashMap<>();

	void put(String section, String variable, String day, String arm, String statistic, String value) {
		String key = key(section, variable, day, arm, statistic);
		if (statistic.equals("note")) {
			return;
		}
		String previous = values.put(key, value);
		assertThat(previous).as("duplicate row %s", key).isNull();
	}

	/** Parses CSV text (our output, or R's expected.csv). Quoted fields are allowed. */
	static LongRows parseCsv(String csv) {
		LongRows rows = new LongRows();
		List<List<String>> records = csvRecords(csv);
		assertThat(String.join(",", records.get(0))).isEqualTo("section,variable,day,arm,statistic,value");
		for (List<String> r : records.subList(1, records.size())) {
			rows.put(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
		}
		return rows;
	}

	static LongRows expected() {
		return parseCsv(RTrial.text("expected.csv"));
	}

	Map<String, String> values() {
		return values;
	}

	/**
	 * Every value R gives is ours within {@link #TOLERANCE} (text values equal); where R says NA we have no value; and
	 * we give no number R does not.
	 */
	void assertMatches(LongRows actual) {
		List<String> problems = new ArrayList<>();
		values.forEach((key, expected) -> {
			String got = actual.values.get(key);
			if (expected.equals("NA")) {
				if (got != null) {
					problems.add(key + ": R has no value, we have " + got);
				}
			} else if (got == null) {
				problems.add(key + ": missing, R = " + expected);
			} else if (!same(expected, got)) {
				problems.add(key + ": R = " + expected + ", we = " + got);
			}
		});
		actual.values.keySet().stream().filter(key -> !values.containsKey(key))
				.forEach(key -> problems.add(key + ": not in R's results (" + actual.values.get(key) + ")"));
		assertThat(problems).as("differences from R").isEmpty();
		assertThat(actual.values).hasSizeGreaterThan(1000);
	}

	/** Every row of {@code actual} is one of R's, with R's value (for a run on fewer variables or days). */
	void assertContains(LongRows actual) {
		List<String> problems = new ArrayList<>();
		actual.values.forEach((key, got) -> {
			String expected = values.get(key);
			if (expected == null || expected.equals("NA") || !same(expected, got)) {
				problems.add(key + ": R = " + expected + ", we = " + got);
			}
		});
		assertThat(problems).as("differences from R").isEmpty();
	}

	private static boolean same(String expected, String actual) {
		try {
			return Math.abs(Double.parseDouble(expected) - Double.parseDouble(actual)) <= TOLERANCE;
		} catch (NumberFormatException e) {
			return expected.equals(actual);
		}
	}

	private static String key(String section, String variable, String day, String arm, String statistic) {
		String dayKey = day.isEmpty() ? "" : new BigDecimal(day).setScale(9, RoundingMode.HALF_UP).toPlainString();
		return section + "," + variable + "," + dayKey + "," + arm + "," + statistic;
	}

	private static List<List<String>> csvRecords(String text) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					field.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				record.add(field.toString());
				field.setLength(0);
			} else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				record.add(field.toString());
				field.setLength(0);
				records.add(record);
				record = new ArrayList<>();
			} else {
				field.append(c);
			}
		}
		if (field.length() > 0 || !record.isEmpty()) {
			record.add(field.toString());
			records.add(record);
		}
		return records;
	}
}
