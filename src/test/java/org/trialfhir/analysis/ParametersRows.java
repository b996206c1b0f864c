package org.trialfhir.analysis;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/**
 * Reads a {@code $analyze} Parameters resource, by the part names of docs/api.md §5.2, into the long rows R's results are
 * written in: written here from the contract, independently of the server's CSV code.
 */
final class ParametersRows {

	private ParametersRows() {
	}

	static LongRows of(Parameters parameters, List<String> arms) {
		LongRows rows = new LongRows();
		String mortalityDay = parameters.getParameter().stream().filter(p -> p.getName().equals("mortality"))
				.findFirst().map(p -> value(part(p, "day"))).orElse("");
		for (ParametersParameterComponent p : parameters.getParameter()) {
			switch (p.getName()) {
				case "arm" -> {
					String arm = value(part(p, "name"));
					others(p, List.of("name"), (name, value) -> rows.put("arm", "", mortalityDay, arm, name, value));
				}
				case "mortality" -> {
					others(p, List.of("day", "survival"), (name, value) -> rows.put("mortality", "", mortalityDay, "",
							name, value));
					p.getPart().stream().filter(s -> s.getName().equals("survival")).forEach(s -> rows.put("survival",
							"", value(part(s, "day")), value(part(s, "arm")), "estimate", value(part(s, "estimate"))));
				}
				case "comparison" -> {
					String variable = variable(p);
					String day = value(part(p, "day"));
					others(p, List.of("variable", "day"), (name, value) -> {
						if (name.startsWith("arm-1-") || name.startsWith("arm-2-")) {
							String arm = arms.get(name.charAt(4) - '1');
							rows.put("comparison", variable, day, arm, name.substring(6), value);
						} else {
							rows.put("comparison", variable, day, "", name, value);
						}
					});
				}
				case "change" -> {
					String variable = variable(p);
					String day = value(part(p, "followup-day"));
					String arm = value(part(p, "arm"));
					others(p, List.of("variable", "followup-day", "arm"), (name, value) -> rows.put("change", variable,
							day, arm, name, value));
				}
				// the resolution score's code is a label of the section, as the day is (R has one row per number)
				case "dic-resolution" -> nested(rows, p, "dic-resolution", "", value(part(p, "day")), "day", "score");
				case "safety" -> nested(rows, p, "safety", value(part(p, "category")), mortalityDay, "category");
				case "note", "consort", "baseline" -> {
					// the study's flow and Table 1 are not in R's reference results: AnalyzeConsortIT checks them
				}
				default -> throw new AssertionError("unexpected parameter " + p.getName());
			}
		}
		return rows;
	}

	/** A part with per-arm sub-parts {@code arm} (named by their own {@code arm} part) and between-arm parts. */
	private static void nested(LongRows rows, ParametersParameterComponent p, String section, String variable,
			String day, String... keys) {
		for (ParametersParameterComponent part : p.getPart()) {
			if (part.getName().equals("arm")) {
				String arm = value(part(part, "arm"));
				others(part, List.of("arm"), (name, value) -> rows.put(section, variable, day, arm, name, value));
			}
		}
		List<String> skip = new java.util.ArrayList<>(List.of(keys));
		skip.add("arm");
		others(p, skip, (name, value) -> rows.put(section, variable, day, "", name, value));
	}

	private static void others(ParametersParameterComponent p, List<String> skip,
			java.util.function.BiConsumer<String, String> row) {
		for (ParametersParameterComponent part : p.getPart()) {
			if (!skip.contains(part.getName())) {
				row.accept(part.getName(), value(part));
			}
		}
	}

	private static String variable(ParametersParameterComponent p) {
		Coding coding = (Coding) part(p, "variable").getValue();
		return coding.getSystem() + "|" + coding.getCode();
	}

	private static ParametersParameterComponent part(ParametersParameterComponent p, String name) {
		return p.getPart().stream().filter(part -> part.getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError(p.getName() + " has no part " + name));
	}

	private static String value(ParametersParameterComponent part) {
		return part.getValue().primitiveValue();
	}

	static Map<String, Long> count(Parameters parameters) {
		return parameters.getParameter().stream().collect(java.util.stream.Collectors.groupingBy(
				ParametersParameterComponent::getName, java.util.stream.Collectors.counting()));
	}
}
