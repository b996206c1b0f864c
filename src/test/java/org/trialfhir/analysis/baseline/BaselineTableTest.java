package org.trialfhir.analysis.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;

/**
 * Table 1 against R: the data set and R's quantile(type = 7) summaries come from
 * src/test/resources/analysis/baseline/baseline.R (subjects.csv, expected.csv).
 */
class BaselineTableTest {

	static final List<String> ARMS = List.of("rTM", "control");

	@Test
	void everyCellEqualsR() throws IOException {
		BaselineTable table = BaselineTable.of(ARMS, subjects());
		List<String[]> expected = csv("expected.csv");

		assertThat(table.rows()).hasSize(expected.size() / 3); // one row per characteristic × category, three groups
		for (String[] r : expected) {
			String category = r[1].isEmpty() ? null : r[1];
			BaselineTable.Row row = table.rows().stream()
					.filter(x -> x.characteristic().equals(r[0]) && Objects.equals(x.category(), category))
					.findFirst().orElseThrow(() -> new AssertionError("no row " + r[0] + " " + category));
			int group = switch (r[2]) {
				case "arm-1" -> 0;
				case "arm-2" -> 1;
				default -> 2;
			};
			BaselineTable.Cell cell = row.cells().get(group);
			String what = r[0] + " " + r[1] + " " + r[2];
			assertThat(cell.n()).as(what + " n").isEqualTo(Integer.parseInt(r[3]));
			assertNumber(what + " median", r[4], cell.median());
			assertNumber(what + " q1", r[5], cell.q1());
			assertNumber(what + " q3", r[6], cell.q3());
			if (!r[7].equals("NA")) {
				assertThat(cell.percent()).as(what + " %").isCloseTo(Double.parseDouble(r[7]), within(1e-9));
			}
		}
	}

	@Test
	void aBlindedReaderGetsOnlyTheGroupOfAllArms() {
		ParametersParameterComponent blinded = BaselineTable.of(ARMS, subjects()).toParameter(false);

		List<String> names = blinded.getPart().stream().filter(p -> p.getName().equals("row"))
				.flatMap(p -> p.getPart().stream()).map(ParametersParameterComponent::getName).distinct().toList();
		assertThat(names).contains("all-n", "all-median", "all-q1", "all-q3", "all-percent")
				.noneMatch(n -> n.startsWith("arm-"));
		assertThat(blinded.getPart()).noneMatch(p -> p.getName().equals("arm"));
		assertThat(BaselineTable.of(ARMS, subjects()).rows(false)).allMatch(r -> r.arm().isEmpty());
		assertThat(BaselineTable.of(ARMS, subjects()).toHtmlSection(false)).doesNotContain("rTM")
				.doesNotContain("control");
	}

	@Test
	void theHtmlTableShowsMedianAndQuartilesOrCountAndPercent() {
		String html = BaselineTable.of(ARMS, subjects()).toHtmlSection(true);
		// rTM platelets: 62 85.5 41 110 73 38 95 → sorted 38 41 62 73 85.5 95 110; Q1 at h = 2.5: 41 + .5·21 = 51.5,
		// Q3 at h = 5.5: 85.5 + .5·9.5 = 90.25
		assertThat(html).contains("<td>73 [51.5–90.25] (n = 7)</td>");
		assertThat(html).contains("<td>4 (57.1 %)</td>"); // 4 of 7 rTM subjects are men
	}

	@Test
	void noSubjectsGiveEmptyGroupsWithoutNumbers() {
		BaselineTable table = BaselineTable.of(ARMS, List.of());
		assertThat(table.rows().get(0).cells()).allMatch(c -> c.n() == 0 && c.percent() == null);
		assertThat(table.rows()).filteredOn(BaselineTable.Row::continuous)
				.allSatisfy(r -> assertThat(r.cells()).allMatch(c -> c.median() == null));
	}

	static List<BaselineSubject> subjects() {
		try {
			List<BaselineSubject> subjects = new ArrayList<>();
			for (String[] r : csv("subjects.csv")) {
				subjects.add(new BaselineSubject(Integer.parseInt(r[0]), r[1].equals("NA") ? null : Integer.parseInt(r[1]),
						text(r[2]), text(r[3]), number(r[4]), number(r[5]), number(r[6]), number(r[7]), number(r[8])));
			}
			return subjects;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String text(String cell) {
		return cell.equals("NA") ? null : cell;
	}

	private static Double number(String cell) {
		return cell.equals("NA") ? null : Double.parseDouble(cell);
	}

	private static void assertNumber(String what, String expected, Double actual) {
		if (expected.equals("NA")) {
			assertThat(actual).as(what).isNull();
		} else {
			assertThat(actual).as(what).isNotNull().isCloseTo(Double.parseDouble(expected), within(1e-9));
		}
	}

	/** The rows after the header, cells split on commas (no quoting in these files). */
	private static List<String[]> csv(String file) throws IOException {
		try (InputStream in = BaselineTableTest.class.getResourceAsStream("/analysis/baseline/" + file)) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
			return Arrays.stream(lines).skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
		}
	}
}
