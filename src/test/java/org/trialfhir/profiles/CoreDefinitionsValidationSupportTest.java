package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.CTX;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.trialfhir.profiles.TrialValidationResult.Issue;

/**
 * What the validation chain keeps of the base specification: the list of all definitions (which the validator
 * converts to R5 and keeps whole) offers the base types only, and the specification's ValueSets and CodeSystems are
 * parsed only when a validation binds to them; anything else is still found by URL.
 */
class CoreDefinitionsValidationSupportTest {

	private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

	/** The resource types the server validates on write (WriteValidationInterceptor) and their trial profiles. */
	private static final List<String> VALIDATED_TYPES = List.of("Observation", "Patient", "ResearchStudy",
			"ResearchSubject", "Task");

	@Test
	void theListOfAllCoreDefinitionsOffersNoExtensionOrConstraintProfile() {
		List<StructureDefinition> listed = coreSupport().fetchAllStructureDefinitions();

		// a base type's canonical URL is the core prefix and its own type name; a profile or extension's is not
		assertThat(listed).isNotEmpty().allSatisfy(sd -> assertThat(sd.getUrl()).isEqualTo(CORE + sd.getType()));
		// the concrete resource types, 2 abstract bases (Resource, DomainResource) and R4's 61 datatypes (20
		// primitive, 41 complex including Element, BackboneElement and Extension): what FHIRPath needs to name
		assertThat(listed).hasSizeLessThanOrEqualTo(CTX.getResourceTypes().size() + 2 + 61);
	}

	@Test
	void coreValueSetsAndCodeSystemsAreParsedOnlyForTheBindingsValidationMet() {
		for (var folder : List.of("src/test/resources/valid", "src/test/resources/invalid")) {
			SharedValidator.jsonFiles(folder).forEach(file -> VALIDATOR.validate(SharedValidator.read(file)));
		}
		CoreDefinitionsValidationSupport core = coreSupport();

		// bounded by the required and extensible bindings of the validated types and of the datatypes they hold,
		// not by the specification's ~1,300 ValueSets and ~1,000 CodeSystems
		int bindings = bindingsOfValidatedTypesAndDatatypes();
		assertThat(core.parsedCount("ValueSet")).isPositive().isLessThanOrEqualTo(bindings);
		assertThat(core.parsedCount("CodeSystem")).isPositive().isLessThanOrEqualTo(bindings);
		assertThat(core.fetchValueSet("http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1"))
				.isSameAs(core.fetchValueSet("http://hl7.org/fhir/ValueSet/administrative-gender"));
	}

	@Test
	void coreTerminologyIsHeldOnlyForTheBindingsValidationMet() {
		for (var folder : List.of("src/test/resources/valid", "src/test/resources/invalid")) {
			SharedValidator.jsonFiles(folder).forEach(file -> VALIDATOR.validate(SharedValidator.read(file)));
		}
		CoreDefinitionsValidationSupport core = coreSupport();

		// in any form (parsed, or kept to be parsed later): what the bindings validation met need, not the
		// specification's ~2,400 ValueSets and CodeSystems, which stay findable by URL
		assertThat(core.terminologyHeld()).isPositive().isLessThanOrEqualTo(2 * bindingsOfValidatedTypesAndDatatypes());
		assertThat(core.terminologyIndexed()).isGreaterThan(2000);
	}

	@Test
	void aCoreExtensionIsStillFoundByUrl() {
		var patient = CTX.newJsonParser().parseResource("""
				{"resourceType": "Patient", "extension": [{
				  "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace", "valueString": "Kyoto"}]}""");

		// patient-birthPlace takes an Address (R4 extension registry)
		assertThat(VALIDATOR.validate(patient).errors()).singleElement().satisfies(issue -> {
			assertThat(issue.location()).isEqualTo("Patient.extension[0]");
			assertThat(issue.message()).contains("patient-birthPlace", "[Address]", "string");
		});
	}

	@Test
	void aCoreConstraintProfileIsStillFoundByUrl() {
		var heartRate = CTX.newJsonParser().parseResource("""
				{"resourceType": "Observation", "meta": {"profile": ["http://hl7.org/fhir/StructureDefinition/heartrate"]},
				 "status": "final", "category": [{"coding": [{
				   "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
				 "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
				 "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-01-01T08:00:00Z",
				 "valueQuantity": {"value": 80, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}}""");

		// the R4 heart rate profile fixes valueQuantity.code to /min
		assertThat(VALIDATOR.validate(heartRate).errors()).extracting(Issue::location)
				.containsExactly("Observation.value.ofType(Quantity).code");
	}

	@Test
	void aCodeOutsideACoreCodeSystemIsStillReported() {
		var encounter = CTX.newJsonParser().parseResource("""
				{"resourceType": "Encounter", "status": "planned",
				 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "NOPE"}}""");

		assertThat(VALIDATOR.validate(encounter).errors()).singleElement().satisfies(issue -> {
			assertThat(issue.location()).isEqualTo("Encounter.class");
			assertThat(issue.message()).contains("Unknown code", "v3-ActCode#NOPE");
		});
	}

	private static CoreDefinitionsValidationSupport coreSupport() {
		return ((ValidationSupportChain) VALIDATOR.validationSupport()).getValidationSupports().stream()
				.filter(CoreDefinitionsValidationSupport.class::isInstance).map(CoreDefinitionsValidationSupport.class::cast)
				.findFirst().orElseThrow();
	}

	private static int bindingsOfValidatedTypesAndDatatypes() {
		List<StructureDefinition> definitions = new DefaultProfileValidationSupport(CTX).fetchAllStructureDefinitions();
		Set<String> valueSets = new HashSet<>();
		for (StructureDefinition sd : definitions) {
			boolean datatype = sd.getKind() == StructureDefinition.StructureDefinitionKind.COMPLEXTYPE
					&& sd.getDerivation() == StructureDefinition.TypeDerivationRule.SPECIALIZATION;
			if (datatype || sd.getUrl().equals(CORE + sd.getType()) && VALIDATED_TYPES.contains(sd.getType())) {
				for (ElementDefinition element : sd.getSnapshot().getElement()) {
					if (element.getBinding().hasValueSet()) {
						valueSets.add(element.getBinding().getValueSet());
					}
				}
			}
		}
		for (StructureDefinition sd : VALIDATOR.conformanceResources().structureDefinitions()) {
			sd.getDifferential().getElement().stream().filter(e -> e.getBinding().hasValueSet())
					.forEach(e -> valueSets.add(e.getBinding().getValueSet()));
		}
		return valueSets.size();
	}
}
