package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.studyday.StudyDays;

/**
 * The validated parameters of {@code $analyze} (docs/api.md §5.2): {@code variable} (token, 0..*), {@code day} (0..*),
 * {@code baseline-day}, {@code followup-day}, {@code mortality-day}, {@code resolution-day}, {@code resolution-score}.
 * Bad input is refused with {@link TrialFhirException#invalid} naming the parameter.
 *
 * @param resolutionScore the DIC score whose diagnosis {@code dic-resolution} follows (trial-score code)
 */
public record AnalyzeRequest(List<AnalysisVariable> variables, List<Integer> days, int baselineDay, int followupDay,
		int mortalityDay, int resolutionDay, String resolutionScore) {

	private static final List<String> SINGLE = List.of("baseline-day", "followup-day", "mortality-day",
			"resolution-day", "resolution-score");
	private static final Set<String> KNOWN = Set.of("variable", "day", "baseline-day", "followup-day",
			"mortality-day", "resolution-day", "resolution-score");

	public AnalyzeRequest {
		variables = List.copyOf(variables);
		days = List.copyOf(days);
	}

	public static AnalyzeRequest defaults() {
		return from(Map.of());
	}

	/**
	 * From parameter name → values (query parameters, or a Parameters body turned into strings). Names starting
	 * with {@code _} ({@code _format}, {@code _pretty}) belong to the server and are skipped.
	 */
	public static AnalyzeRequest from(Map<String, List<String>> parameters) {
		for (String name : parameters.keySet()) {
			if (!name.startsWith("_") && !KNOWN.contains(name)) {
				throw TrialFhirException.invalid(name, "unknown parameter '" + name + "'; $analyze takes variable, "
						+ "day, baseline-day, followup-day, mortality-day, resolution-day and resolution-score");
			}
		}
		for (String name : SINGLE) {
			if (parameters.getOrDefault(name, List.of()).size() > 1) {
				throw TrialFhirException.invalid(name, "'" + name + "' may be given once");
			}
		}
		List<AnalysisVariable> variables = variables(parameters.getOrDefault("variable", List.of()));
		List<Integer> days = days(parameters.getOrDefault("day", List.of()));
		int baseline = single(parameters, "baseline-day", 1);
		int followup = single(parameters, "followup-day", 10);
		int mortality = single(parameters, "mortality-day", 28);
		int resolution = single(parameters, "resolution-day", 7);
		if (baseline == followup) {
			throw TrialFhirException.invalid("followup-day", "followup-day must differ from baseline-day ("
					+ baseline + ")");
		}
		if (resolution < 2) {
			throw TrialFhirException.invalid("resolution-day", "resolution-day must be after day 1, when DIC is "
					+ "diagnosed; got " + resolution);
		}
		return new AnalyzeRequest(variables, days, baseline, followup, mortality, resolution,
				resolutionScore(parameters.getOrDefault("resolution-score", List.of())));
	}

	/** A bare code or {@code trial-score|code} of {@link AnalysisVariable#RESOLUTION_SCORES}; default JAAM DIC. */
	private static String resolutionScore(List<String> values) {
		if (values.isEmpty()) {
			return AnalysisVariable.JAAM_DIC;
		}
		String value = values.get(0) == null ? "" : values.get(0).trim();
		String prefix = AnalysisVariable.TRIAL_SCORE + "|";
		String code = value.startsWith(prefix) ? value.substring(prefix.length()) : value;
		if (!AnalysisVariable.RESOLUTION_SCORES.contains(code)) {
			throw TrialFhirException.invalid("resolution-score", (value.isEmpty() ? "empty 'resolution-score'"
					: "unknown resolution-score '" + value + "'") + ": use one of "
					+ String.join(", ", AnalysisVariable.RESOLUTION_SCORES) + " (default " + AnalysisVariable.JAAM_DIC
					+ ")");
		}
		return code;
	}

	/** Every study day whose derived scores the analysis reads. */
	public Set<Integer> scoredDays() {
		Set<Integer> all = new TreeSet<>(days);
		all.add(baselineDay);
		all.add(followupDay);
		all.add(1);
		all.add(resolutionDay);
		return all;
	}

	private static List<AnalysisVariable> variables(List<String> values) {
		if (values.isEmpty()) {
			return AnalysisVariable.defaults();
		}
		Map<String, AnalysisVariable> unique = new LinkedHashMap<>();
		for (String value : commaSeparated("variable", values)) {
			AnalysisVariable variable = AnalysisVariable.parse(value).orElseThrow(() -> TrialFhirException.invalid(
					"variable", "unknown variable '" + value + "': use a score code of "
							+ AnalysisVariable.TRIAL_SCORE + " (" + String.join(", ", AnalysisVariable.scoreCodes())
							+ ") or the LOINC / trial-lab code of a trial variable, as system|code"));
			unique.putIfAbsent(variable.token(), variable);
		}
		return new ArrayList<>(unique.values());
	}

	private static List<Integer> days(List<String> values) {
		if (values.isEmpty()) {
			return List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		}
		Set<Integer> days = new TreeSet<>();
		for (String value : commaSeparated("day", values)) {
			days.add(day("day", value));
		}
		return new ArrayList<>(days);
	}

	private static int single(Map<String, List<String>> parameters, String name, int fallback) {
		List<String> values = parameters.getOrDefault(name, List.of());
		return values.isEmpty() ? fallback : day(name, values.get(0));
	}

	private static int day(String name, String value) {
		try {
			int day = Integer.parseInt(value.trim());
			if (day >= 1 && day <= StudyDays.LAST_DAY) {
				return day;
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw TrialFhirException.invalid(name, "'" + name + "' must be a study day from 1 to " + StudyDays.LAST_DAY
				+ "; got '" + value + "'");
	}

	private static Set<String> commaSeparated(String name, List<String> values) {
		Set<String> items = new LinkedHashSet<>();
		for (String value : values) {
			for (String item : value.split(",")) {
				if (item.isBlank()) {
					throw TrialFhirException.invalid(name, "empty value in '" + name + "=" + value + "'");
				}
				items.add(item.trim());
			}
		}
		return items;
	}
}
