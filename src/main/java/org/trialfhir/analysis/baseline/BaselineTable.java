package org.trialfhir.analysis.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.stats.Quantiles;
import org.trialfhir.stats.Summary;

/**
 * Table 1: one row per characteristic (and per category of sex and site), one cell per arm and one for all arms.
 * Continuous characteristics are summarized as median [Q1–Q3] of the recorded values with their count, categorical
 * ones as count and percentage of the group's subjects. Pure.
 *
 * @param arms the arm names, in ResearchStudy.arm order
 * @param rows the table rows, the first one {@code n}
 */
public record BaselineTable(List<String> arms, List<Row> rows) {

	/** Groups of a row: the arms in order, then all arms together. */
	public record Row(String characteristic, String label, String category, boolean continuous, List<Cell> cells) {

		public Row {
			cells = List.copyOf(cells);
		}
	}

	/**
	 * @param n       continuous: subjects with a recorded value; categorical: subjects in the category
	 * @param of      the group's subjects (the denominator of the percentage)
	 * @param median  continuous only; null when n = 0
	 */
	public record Cell(int n, int of, Double median, Double q1, Double q3) {

		/** n / of, null for an empty group. */
		public Double percent() {
			return of == 0 ? null : 100.0 * n / of;
		}
	}

	private record Continuous(String code, String label, Function<BaselineSubject, Number> value) {
	}

	private static final List<Continuous> CONTINUOUS = List.of(
			new Continuous("age", "Age, years", BaselineSubject::age),
			new Continuous("apache-ii", "APACHE II, day 1", BaselineSubject::apacheII),
			new Continuous("sofa", "SOFA, day 1", BaselineSubject::sofa),
			new Continuous("jaam-dic", "JAAM DIC score, day 1", BaselineSubject::jaamDic),
			new Continuous("platelets", "Platelets, ×10³/µL, day 1", BaselineSubject::platelets),
			new Continuous("pt-inr", "PT-INR, day 1", BaselineSubject::ptInr));

	static final String NOT_RECORDED = "not recorded";

	public BaselineTable {
		arms = List.copyOf(arms);
		rows = List.copyOf(rows);
	}

	public static BaselineTable of(List<String> arms, List<BaselineSubject> subjects) {
		List<List<BaselineSubject>> groups = new ArrayList<>();
		for (int arm = 0; arm < arms.size(); arm++) {
			int index = arm;
			groups.add(subjects.stream().filter(s -> s.arm() == index).toList());
		}
		groups.add(List.copyOf(subjects));
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("n", "Randomized", null, false,
				groups.stream().map(g -> new Cell(g.size(), g.size(), null, null, null)).toList()));
		rows.add(continuous(CONTINUOUS.get(0), groups));
		categorical(rows, "sex", "Sex", BaselineSubject::sex, subjects, groups);
		categorical(rows, "site", "Site", BaselineSubject::site, subjects, groups);
		CONTINUOUS.stream().skip(1).forEach(c -> rows.add(continuous(c, groups)));
		return new BaselineTable(arms, rows);
	}

	private static Row continuous(Continuous characteristic, List<List<BaselineSubject>> groups) {
		List<Cell> cells = new ArrayList<>();
		for (List<BaselineSubject> group : groups) {
			double[] values = group.stream().map(characteristic.value()).filter(Objects::nonNull)
					.mapToDouble(Number::doubleValue).toArray();
			Summary summary = Quantiles.summarize(values);
			cells.add(new Cell(summary.n(), group.size(), summary.median(), summary.q1(), summary.q3()));
		}
		return new Row(characteristic.code(), characteristic.label(), null, true, cells);
	}

	/** One row per category seen (sorted; "not recorded" last, only when some subject has none). */
	private static void categorical(List<Row> rows, String code, String label, Function<BaselineSubject, String> value,
			List<BaselineSubject> subjects, List<List<BaselineSubject>> groups) {
		TreeSet<String> categories = new TreeSet<>();
		boolean missing = false;
		for (BaselineSubject s : subjects) {
			String v = value.apply(s);
			if (v == null) {
				missing = true;
			} else {
				categories.add(v);
			}
		}
		List<String> ordered = new ArrayList<>(categories);
		if (missing) {
			ordered.add(NOT_RECORDED);
		}
		for (String category : ordered) {
			List<Cell> cells = groups.stream().map(g -> new Cell((int) g.stream()
					.filter(s -> category.equals(Objects.requireNonNullElse(value.apply(s), NOT_RECORDED))).count(),
					g.size(), null, null, null)).toList();
			rows.add(new Row(code, label, category, false, cells));
		}
	}

	/** The prefix of a group's parts: {@code arm-1-} … in ResearchStudy.arm order, {@code all-} for all arms. */
	private String prefix(int group) {
		return group == arms.size() ? "all-" : "arm-" + (group + 1) + "-";
	}

	private List<Integer> shownGroups(boolean armsShown) {
		List<Integer> groups = new ArrayList<>();
		if (armsShown) {
			for (int i = 0; i < arms.size(); i++) {
				groups.add(i);
			}
		}
		groups.add(arms.size());
		return groups;
	}

	/**
	 * The table as one Parameters part named {@code baseline}: the arm names ({@code arm}), then one {@code row} part
	 * per row with {@code characteristic}, {@code category} (categorical rows) and per group {@code <prefix>n},
	 * {@code <prefix>median}, {@code -q1}, {@code -q3} (continuous) or {@code <prefix>n}, {@code <prefix>percent}.
	 * Without {@code armsShown} (a blinded study, a token without 'unblinded') only the {@code all-} group.
	 */
	public ParametersParameterComponent toParameter(boolean armsShown) {
		ParametersParameterComponent baseline = new ParametersParameterComponent().setName("baseline");
		if (armsShown) {
			arms.forEach(arm -> baseline.addPart().setName("arm").setValue(new StringType(arm)));
		}
		baseline.addPart().setName("method").setValue(new StringType(
				"median [Q1–Q3] by R quantile(type = 7) of the recorded values; n (%) of the group's subjects"));
		for (Row row : rows) {
			ParametersParameterComponent part = baseline.addPart().setName("row");
			part.addPart().setName("characteristic").setValue(new CodeType(row.characteristic()));
			if (row.category() != null) {
				part.addPart().setName("category").setValue(new StringType(row.category()));
			}
			for (int group : shownGroups(armsShown)) {
				Cell cell = row.cells().get(group);
				part.addPart().setName(prefix(group) + "n").setValue(new IntegerType(cell.n()));
				if (row.continuous()) {
					decimal(part, prefix(group) + "median", cell.median());
					decimal(part, prefix(group) + "q1", cell.q1());
					decimal(part, prefix(group) + "q3", cell.q3());
				} else if (!row.characteristic().equals("n")) {
					decimal(part, prefix(group) + "percent", cell.percent());
				}
			}
		}
		if (!armsShown) {
			baseline.addPart().setName("note").setValue(new StringType(
					"The study is blinded: baseline characteristics of all arms together; by arm needs the "
							+ "'unblinded' scope."));
		}
		return baseline;
	}

	/** One CSV value: characteristic (with {@code :category}), arm (empty for all arms), statistic, value. */
	public record CsvRow(String characteristic, String day, String arm, String statistic, Double value) {
	}

	/** Characteristics of study day 1 (the others are the patient's, at T0). */
	private static final java.util.Set<String> DAY_ONE = java.util.Set.of("apache-ii", "sofa", "jaam-dic", "platelets",
			"pt-inr");

	public List<CsvRow> rows(boolean armsShown) {
		List<CsvRow> out = new ArrayList<>();
		for (Row row : rows) {
			String name = row.category() == null ? row.characteristic() : row.characteristic() + ":" + row.category();
			String day = DAY_ONE.contains(row.characteristic()) ? "1" : "";
			for (int group : shownGroups(armsShown)) {
				String arm = group == arms.size() ? "" : arms.get(group);
				Cell cell = row.cells().get(group);
				out.add(new CsvRow(name, day, arm, "n", (double) cell.n()));
				if (row.continuous()) {
					out.add(new CsvRow(name, day, arm, "median", cell.median()));
					out.add(new CsvRow(name, day, arm, "q1", cell.q1()));
					out.add(new CsvRow(name, day, arm, "q3", cell.q3()));
				} else if (!row.characteristic().equals("n")) {
					out.add(new CsvRow(name, day, arm, "percent", cell.percent()));
				}
			}
		}
		out.removeIf(r -> r.value() == null);
		return out;
	}

	/** An XHTML section with the table: "median [Q1–Q3] (n)" or "n (%)" per group. */
	public String toHtmlSection(boolean armsShown) {
		StringBuilder html = new StringBuilder("<section class=\"baseline\"><h2>Baseline characteristics</h2>")
				.append("<table><thead><tr><th>characteristic</th>");
		List<Integer> groups = shownGroups(armsShown);
		for (int group : groups) {
			html.append("<th>").append(escape(group == arms.size() ? "all arms" : arms.get(group))).append("</th>");
		}
		html.append("</tr></thead><tbody>");
		for (Row row : rows) {
			html.append("<tr><td>").append(escape(row.category() == null ? row.label() : row.label() + ": "
					+ row.category())).append("</td>");
			for (int group : groups) {
				html.append("<td>").append(escape(text(row, row.cells().get(group)))).append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</tbody></table><p class=\"note\">Median [Q1–Q3] (quantiles as R's quantile(type = 7)) with the ")
				.append("number of subjects with a value; n (%) of the group's subjects. Day 1 is the first 24 h ")
				.append("after randomization.").append(armsShown ? "" : " The study is blinded: all arms together.")
				.append("</p></section>");
		return html.toString();
	}

	private static String text(Row row, Cell cell) {
		if (row.characteristic().equals("n")) {
			return Integer.toString(cell.n());
		}
		if (!row.continuous()) {
			return cell.n() + (cell.percent() == null ? "" : " (" + format(cell.percent(), 1) + " %)");
		}
		if (cell.median() == null) {
			return "– (n = 0)";
		}
		return format(cell.median(), 2) + " [" + format(cell.q1(), 2) + "–" + format(cell.q3(), 2) + "] (n = "
				+ cell.n() + ")";
	}

	private static String format(double value, int decimals) {
		String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
		return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
	}

	private static void decimal(ParametersParameterComponent part, String name, Double value) {
		if (value != null) {
			part.addPart().setName(name).setValue(new DecimalType(value));
		}
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
