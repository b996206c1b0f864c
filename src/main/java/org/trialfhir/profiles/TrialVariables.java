package org.trialfhir.profiles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The trial variables as declared in {@code profiles/}: ValueSet {@code variable-<v>} lists the Observation codes of
 * variable v, ValueSet {@code units-<v>} its accepted UCUM units (canonical first), and ValueSet
 * {@code trial-vital-signs} which variables are charted as vital signs. The conformance resources stay the single
 * source of truth; nothing here is hard-coded.
 */
final class TrialVariables {

	/** A variable (name as in docs/scores-spec.md §2.1, e.g. {@code bands_pct}) and its accepted units in declared order. */
	record Variable(String name, List<String> units, boolean vitalSign) {
		boolean accepts(String unit) {
			return units.contains(unit);
		}
	}

	/** A code of an Observation that identifies a trial variable. */
	record Match(Coding coding, Variable variable) {}

	private static final String VARIABLE = "variable-";
	private static final String UNITS = "units-";

	private final Map<String, Variable> byCode;

	private TrialVariables(Map<String, Variable> byCode) {
		this.byCode = Map.copyOf(byCode);
	}

	static TrialVariables from(ConformanceResources resources) {
		Map<String, ValueSet> valueSets = resources.valueSets().stream()
				.collect(Collectors.toMap(vs -> vs.getIdElement().getIdPart(), vs -> vs));
		Set<String> vitalSets = valueSets.get("trial-vital-signs").getCompose().getInclude().stream()
				.flatMap(inc -> inc.getValueSet().stream())
				.map(c -> c.getValue().substring(c.getValue().lastIndexOf('/') + 1))
				.collect(Collectors.toSet());
		Map<String, Variable> byCode = new HashMap<>();
		valueSets.forEach((id, codes) -> {
			if (!id.startsWith(VARIABLE)) {
				return;
			}
			String key = id.substring(VARIABLE.length());
			ValueSet units = valueSets.get(UNITS + key);
			if (units == null) {
				throw new IllegalStateException("ValueSet " + id + " has no ValueSet " + UNITS + key);
			}
			var variable = new Variable(key.replace('-', '_'), codes(units), vitalSets.contains(id));
			codes.getCompose().getInclude().forEach(inc -> inc.getConcept().forEach(
					c -> byCode.put(inc.getSystem() + "|" + c.getCode(), variable)));
		});
		return new TrialVariables(byCode);
	}

	private static List<String> codes(ValueSet vs) {
		return vs.getCompose().getInclude().stream()
				.flatMap(inc -> inc.getConcept().stream())
				.map(ValueSet.ConceptReferenceComponent::getCode)
				.toList();
	}

	/** The first coding of the concept that is a trial variable. */
	Optional<Match> find(CodeableConcept code) {
		return code.getCoding().stream()
				.filter(c -> byCode.containsKey(c.getSystem() + "|" + c.getCode()))
				.findFirst()
				.map(c -> new Match(c, byCode.get(c.getSystem() + "|" + c.getCode())));
	}
}
