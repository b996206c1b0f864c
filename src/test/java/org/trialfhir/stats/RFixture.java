package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Reads the CSV files that src/test/resources/stats/reference.R wrote from R: one row per case,
 * vectors as space-separated numbers, "NA" where R gives no value.
 */
final class RFixture {

	/** Every statistic must equal R's within this. */
	static final double TOLERANCE = 1e-6;

	record Row(Map<String, String> cells) {

		String text(String column) {
			final String value = cells.get(column);
			if (value == null) {
				throw new IllegalArgumentException("no column " + column);
			}
			return value;
		}

		/** A number, or null where R gave NA/NaN. */
		Double number(String column) {
			return parse(text(column));
		}

		int integer(String column) {
			return Integer.parseInt(text(column));
		}

		/** A vector; NA becomes NaN. */
		double[] numbers(String column) {
			final String value = text(column).trim();
			if (value.isEmpty()) {
				return new double[0];
			}
			return Arrays.stream(value.split(" ")).map(RFixture::parse)
					.mapToDouble(d -> d == null ? Double.NaN : d).toArray();
		}
	}

	private RFixture() {
	}

	static List<Row> read(String file) {
		try (InputStream in = RFixture.class.getResourceAsStream("/stats/" + file)) {
			if (in == null) {
				throw new IllegalStateException("missing fixture /stats/" + file + "; run reference.R");
			}
			final String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			final String[] header = lines[0].split(",", -1);
			final List<Row> rows = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				final String[] cells = lines[i].split(",", -1);
				assertThat(cells).as("%s line %d", file, i + 1).hasSize(header.length);
				final Map<String, String> map = new HashMap<>();
				for (int c = 0; c < header.length; c++) {
					map.put(header[c], cells[c]);
				}
				rows.add(new Row(map));
			}
			return rows;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Rows as named JUnit arguments, named by the given column (or columns joined). */
	static Stream<Named<Row>> cases(String file, String... nameColumns) {
		return read(file).stream().map(row -> Named.of(
				String.join(" ", Arrays.stream(nameColumns).map(row::text).toList()), row));
	}

	private static Double parse(String s) {
		return switch (s) {
			case "NA", "NaN" -> null;
			case "Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.valueOf(s);
		};
	}

	/** Equal to R within {@link #TOLERANCE}; both absent when R gave no value. */
	static void assertMatches(String what, Double expected, Double actual) {
		if (expected == null) {
			assertThat(actual).as("%s: R gives no value", what).isNull();
		} else {
			assertThat(actual).as(what).isNotNull();
			assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE));
		}
	}
}
