package org.trialfhir.units;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The codes and accepted units of each {@link TrialVariable}, read from the trial's ValueSets on the classpath
 * ({@code profiles/}, packaged from the repository's {@code profiles/} folder): {@code variable-<v>} holds the
 * variable's Observation codes (one code system), {@code units-<v>} its UCUM units with the canonical one first,
 * {@code trial-vital-signs} the variables charted as vital signs. Plain JSON is enough for these three shapes, so
 * this package needs no FHIR parser.
 */
final class VariableValueSets {

	/** What a variable's ValueSets say about it. */
	record Definition(String system, List<String> codes, List<String> units, boolean vitalSign) {
	}

	private static final String FOLDER = "profiles/";
	private static final ObjectMapper JSON = new ObjectMapper();

	private VariableValueSets() {
	}

	static Map<TrialVariable, Definition> load(TrialVariable[] variables) {
		Set<String> vitalSigns = includedValueSets("trial-vital-signs");
		Map<TrialVariable, Definition> definitions = new EnumMap<>(TrialVariable.class);
		for (TrialVariable variable : variables) {
			String codesId = "variable-" + variable.valueSetKey();
			JsonNode includes = includes(codesId);
			if (includes.size() != 1) {
				throw new IllegalStateException("ValueSet " + codesId + " must include the codes of exactly one "
						+ "system, not " + includes.size());
			}
			definitions.put(variable, new Definition(includes.get(0).path("system").asText(), concepts(codesId),
					concepts("units-" + variable.valueSetKey()), vitalSigns.contains(codesId)));
		}
		return definitions;
	}

	/** {@code compose.include} of a ValueSet. */
	private static JsonNode includes(String id) {
		return read(id).path("compose").path("include");
	}

	private static JsonNode read(String id) {
		String path = FOLDER + "ValueSet-" + id + ".json";
		try (InputStream in = VariableValueSets.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException(path + " is not on the classpath: every trial variable needs its "
						+ "ValueSets (run mvn process-resources)");
			}
			return JSON.readTree(in);
		} catch (IOException e) {
			throw new UncheckedIOException(path, e);
		}
	}

	/** The codes a ValueSet lists ({@code compose.include.concept.code}), in order. */
	private static List<String> concepts(String id) {
		List<String> codes = new ArrayList<>();
		for (JsonNode include : includes(id)) {
			include.path("concept").forEach(concept -> codes.add(concept.path("code").asText()));
		}
		if (codes.isEmpty()) {
			throw new IllegalStateException("ValueSet " + id + " lists no concept");
		}
		return List.copyOf(codes);
	}

	/** The ids of the ValueSets a ValueSet includes ({@code compose.include.valueSet}, canonical URLs). */
	private static Set<String> includedValueSets(String id) {
		List<String> urls = new ArrayList<>();
		for (JsonNode include : includes(id)) {
			include.path("valueSet").forEach(url -> urls.add(url.asText()));
		}
		return urls.stream().map(url -> url.substring(url.lastIndexOf('/') + 1)).collect(Collectors.toSet());
	}
}
