package org.trialfhir.units;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.trialfhir.profiles.ConformanceResources;

/**
 * The Java table of trial variables ({@link TrialVariable}) against the ValueSets the server ships and validates
 * with, read here by HAPI's parser: the same variables, and for each the same codes and units in the same order.
 */
class TrialVariableValueSetsTest {

	private static final Map<String, ValueSet> VALUE_SETS = ConformanceResources
			.loadFromClasspath(FhirContext.forR4Cached()).valueSets().stream()
			.collect(Collectors.toMap(vs -> vs.getIdElement().getIdPart(), Function.identity()));

	@Test
	void theVariablesAreThePairsOfVariableAndUnitsValueSets() {
		List<String> keys = Arrays.stream(TrialVariable.values()).map(v -> v.id().replace('_', '-')).toList();

		assertThat(idsStartingWith("variable-")).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(idsStartingWith("units-")).containsExactlyInAnyOrderElementsOf(keys);
	}

	@Test
	void eachVariableHasTheCodesAndUnitsOfItsValueSetsInTheirOrder() {
		for (TrialVariable v : TrialVariable.values()) {
			String key = v.id().replace('_', '-');
			ValueSet codes = VALUE_SETS.get("variable-" + key);
			ValueSet units = VALUE_SETS.get("units-" + key);
			assertThat(codes).as("ValueSet variable-%s", key).isNotNull();
			assertThat(units).as("ValueSet units-%s", key).isNotNull();

			assertThat(codes.getCompose().getInclude()).as(key).singleElement()
					.satisfies(include -> assertThat(include.getSystem()).isEqualTo(v.system()));
			assertThat(concepts(codes)).as("codes of %s", key).isEqualTo(v.codes());
			assertThat(concepts(units)).as("units of %s", key).isEqualTo(v.acceptedUnits());
			assertThat(v.canonicalUnit()).as("canonical unit of %s", key).isEqualTo(concepts(units).get(0));
		}
	}

	@Test
	void trialVariablesIsTheUnionOfTheVariableValueSetsAndVitalSignsAndLabsSplitIt() {
		List<String> vitalSigns = included("trial-vital-signs");
		List<String> labs = included("trial-labs");

		assertThat(included("trial-variables")).containsExactlyInAnyOrderElementsOf(
				idsStartingWith("variable-").stream().map(key -> "variable-" + key).toList());
		assertThat(vitalSigns).doesNotContainAnyElementsOf(labs);
		assertThat(concat(vitalSigns, labs)).containsExactlyInAnyOrderElementsOf(included("trial-variables"));
	}

	/** The keys {@code <v>} of the ValueSets {@code <prefix><v>}. */
	private static List<String> idsStartingWith(String prefix) {
		return VALUE_SETS.keySet().stream().filter(id -> id.startsWith(prefix))
				.map(id -> id.substring(prefix.length())).toList();
	}

	private static List<String> concepts(ValueSet vs) {
		return vs.getCompose().getInclude().stream().flatMap(include -> include.getConcept().stream())
				.map(ValueSet.ConceptReferenceComponent::getCode).toList();
	}

	/** The ids of the ValueSets a ValueSet includes. */
	private static List<String> included(String id) {
		return VALUE_SETS.get(id).getCompose().getInclude().stream().flatMap(include -> include.getValueSet().stream())
				.map(CanonicalType::getValue).map(url -> url.substring(url.lastIndexOf('/') + 1)).toList();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}
}
