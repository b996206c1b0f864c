package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.trialfhir.profiles.SharedValidator.CTX;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The profiles/ folder as loaded from the classpath, checked against the fixed names of docs/api.md §2. */
class ConformanceResourcesTest {

	static final ConformanceResources RESOURCES = SharedValidator.VALIDATOR.conformanceResources();

	@Test
	void loadsEveryJsonFileOfTheProfilesFolder() throws IOException {
		long onDisk;
		try (var files = Files.list(Path.of("profiles"))) {
			onDisk = files.filter(p -> p.toString().endsWith(".json")).count();
		}
		assertThat(RESOURCES.all()).hasSize((int) onDisk);
	}

	/**
	 * Each ValueSet, CodeSystem, SearchParameter, OperationDefinition and profile is itself valid R4. The extension
	 * definitions are left out: the core validator checks an extension's context against the R4 core package, which it
	 * tries to download from packages.fhir.org (offline here); their snapshots are checked in SnapshotTest.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("resourcesButExtensions")
	void everyConformanceResourceIsValidFhir(String id, IBaseResource resource) {
		assertThat(SharedValidator.VALIDATOR.validate(resource).errors())
				.filteredOn(issue -> !isHapiSingleComponentUniqueCombo(resource, issue))
				.isEmpty();
	}

	/**
	 * HAPI's unique combo search parameters (extension sp-unique) may have a single component — the one the
	 * ingestion uses to make Observation identifiers unique in the database (docs/ingestion.md) — which the core
	 * invariant "a composite has two or more components" does not foresee. Only that invariant is waived, only there.
	 */
	private static boolean isHapiSingleComponentUniqueCombo(IBaseResource resource, TrialValidationResult.Issue issue) {
		return resource instanceof SearchParameter sp
				&& sp.hasExtension("http://hapifhir.io/fhir/StructureDefinition/sp-unique")
				&& sp.getComponent().size() == 1
				&& issue.message().contains("must define two or more components");
	}

	static Stream<Arguments> resourcesButExtensions() {
		return RESOURCES.all().stream()
				.filter(r -> !(r instanceof StructureDefinition sd && "Extension".equals(sd.getType())))
				.map(r -> Arguments.of(r.getIdElement().getValue(), r));
	}

	@Test
	void everyCanonicalUrlIsBaseTypeAndId() {
		assertThat(RESOURCES.all()).allSatisfy(r -> assertThat(((MetadataResource) r).getUrl())
				.isEqualTo("http://trialfhir.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart()));
	}

	@Test
	void theFixedNamesOfTheApiContractExist() {
		assertThat(RESOURCES.structureDefinitions()).extracting(sd -> sd.getIdElement().getIdPart())
				.containsExactlyInAnyOrder("TrialResearchStudy", "TrialResearchSubject", "TrialPatient", "TrialVitalSign",
						"TrialLabResult", "TrialDerivedScore", "TrialEcrfItem", "study-day", "algorithm-version", "blinded",
						"score-flag", "derived-from", // $derive-scores (docs/scores.md "FHIR mapping")
						"allocation-ratio", "stratification-factor", // $randomize (docs/randomization.md)
						"failed-criterion", "study-drug", // screening records and the CONSORT flow (docs/analysis.md)
						"group-sequential-design", // $interim (docs/interim.md)
						"TrialScheduleOfActivities", "TrialDataQuery"); // $completeness (docs/data-quality.md)
		assertThat(RESOURCES.codeSystems()).extracting(MetadataResource::getUrl).containsExactlyInAnyOrder(
				TrialCanonicals.CS_TRIAL_SCORE, TrialCanonicals.CS_TRIAL_ECRF, TrialCanonicals.CS_TRIAL_LAB,
				TrialCanonicals.CS_BLEEDING_CATEGORY, TrialCanonicals.CS_TRIAL_TASK, TrialCanonicals.CS_TRIAL_SUPPORT);
		assertThat(RESOURCES.operationDefinitions()).extracting(OperationDefinition::getCode)
				.containsExactlyInAnyOrder("derive-scores", "analyze", "pull", "randomize", "unblind", "import",
						"interim", "completeness", "adjudicate", "pull-status");
	}

	@Test
	void trialScoreHasTheScoresAndTheComponentsOfTheApiContract() {
		var codes = RESOURCES.codeSystems().stream().filter(cs -> cs.getUrl().equals(TrialCanonicals.CS_TRIAL_SCORE))
				.flatMap(cs -> cs.getConcept().stream()).map(c -> c.getCode()).toList();
		// docs/api.md §2.4 names every one of them
		assertThat(codes).contains("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic", "sofa-respiration",
				"sofa-coagulation", "apache-ii-aps", "apache-ii-age-points", "apache-ii-chronic-points",
				"apache-ii-temperature", "sirs-temperature", "jaam-dic-platelets", "jaam-dic-fdp", "isth-dic-fibrinogen",
				"jaam-dic-diagnosis", "jaam-dic-max-possible", "isth-dic-diagnosis", "jmhw-dic-diagnosis",
				"jmhw-dic-max-possible", "jmhw-dic-raw-total", "jmhw-dic-category");
	}

	@Test
	void trialScoreHasSicJaam2AndSofa2WithTheirComponents() {
		var codes = RESOURCES.codeSystems().stream().filter(cs -> cs.getUrl().equals(TrialCanonicals.CS_TRIAL_SCORE))
				.flatMap(cs -> cs.getConcept().stream()).map(c -> c.getCode()).toList();
		assertThat(codes).doesNotHaveDuplicates().contains("sic", "sic-platelets", "sic-pt-inr", "sic-sofa",
				"sic-diagnosis", "sic-diagnosis-total-ge4", "sic-max-possible", "jaam-2-dic", "jaam-2-dic-platelets",
				"jaam-2-dic-fdp", "jaam-2-dic-pt-ratio", "jaam-2-dic-diagnosis", "jaam-2-dic-max-possible", "sofa-2",
				"sofa-2-brain", "sofa-2-respiratory", "sofa-2-cardiovascular", "sofa-2-liver", "sofa-2-kidney",
				"sofa-2-hemostasis");
		var totals = RESOURCES.valueSets().stream().filter(vs -> vs.getUrl().endsWith("/ValueSet/trial-scores"))
				.flatMap(vs -> vs.getCompose().getIncludeFirstRep().getConcept().stream()).map(c -> c.getCode())
				.toList();
		// every selectable score is a derived-score total (Observation.code), and nothing else is
		assertThat(totals).containsExactlyElementsOf(org.trialfhir.scoring.Scores.CODES);
	}

	@Test
	void searchParametersAreActiveWithExpressionBaseAndType() {
		assertThat(RESOURCES.searchParameters())
				.extracting(SearchParameter::getCode, sp -> sp.getStatus().toCode(), sp -> sp.getBase().get(0).getValue(),
						SearchParameter::getType, SearchParameter::getExpression)
				.contains(
						tuple("study-day", "active", "Observation", SearchParamType.NUMBER,
								"Observation.extension('http://trialfhir.org/fhir/StructureDefinition/study-day').value"),
						tuple("assigned-arm", "active", "ResearchSubject", SearchParamType.TOKEN,
								"ResearchSubject.assignedArm"),
						// $analyze reads derived-score totals and DIC diagnoses through these two (docs/analysis.md)
						tuple("value-integer", "active", "Observation", SearchParamType.NUMBER,
								"Observation.value.ofType(integer)"),
						tuple("score-diagnosis", "active", "Observation", SearchParamType.TOKEN,
								"Observation.component.where(code.coding.where(system = "
										+ "'http://trialfhir.org/fhir/CodeSystem/trial-score' and code.endsWith('-diagnosis'))"
										+ ".exists()).value.ofType(boolean)"),
						tuple("entity-resource", "active", "AuditEvent", SearchParamType.TOKEN,
								"AuditEvent.entity.what.identifier"));
	}

	@Test
	void randomizeAndUnblindTakeTheParametersOfTheApiContract() {
		Map<String, OperationDefinition> ops = RESOURCES.operationDefinitions().stream()
				.collect(java.util.stream.Collectors.toMap(OperationDefinition::getCode, o -> o));
		assertThat(ops.get("randomize").getParameter())
				.extracting(p -> p.getName(), p -> p.getUse(), p -> p.getMin(), p -> p.getType(), this::targets)
				.containsExactly(
						tuple("subject", OperationParameterUse.IN, 1, "Reference", List.of("http://hl7.org/fhir/StructureDefinition/Patient")),
						tuple("site", OperationParameterUse.IN, 0, "string", List.of()),
						tuple("baseline-jaam", OperationParameterUse.IN, 0, "integer", List.of()),
						tuple("return", OperationParameterUse.OUT, 1, "ResearchSubject", List.of()));
		// $unblind runs on the ResearchSubject itself: ResearchSubject/[id]/$unblind
		assertThat(ops.get("unblind").getResource()).extracting(r -> r.getValueAsString()).containsExactly("ResearchSubject");
		assertThat(ops.get("unblind").getInstance()).isTrue();
		assertThat(ops.get("unblind").getParameter())
				.extracting(p -> p.getName(), p -> p.getUse(), p -> p.getMin(), p -> p.getType(), this::targets)
				.containsExactly(
						tuple("reason", OperationParameterUse.IN, 1, "string", List.of()),
						tuple("arm", OperationParameterUse.OUT, 1, "string", List.of()));
	}

	private List<String> targets(OperationDefinition.OperationDefinitionParameterComponent p) {
		return p.getTargetProfile().stream().map(CanonicalType::getValue).toList();
	}

	@Test
	void loadsOnlyTheTopLevelJsonFilesOfAJar(@TempDir Path dir) throws IOException {
		Path jar = jar(dir, Map.of(
				"profiles/CodeSystem-colours.json", codeSystem("colours"),
				"profiles/README.md", "not a resource",
				"profiles/drafts/CodeSystem-draft.json", codeSystem("draft")));
		try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
			assertThat(ConformanceResources.load(CTX, loader).all())
					.extracting(r -> r.getIdElement().getIdPart()).containsExactly("colours");
		}
	}

	@Test
	void aFileNotNamedAfterItsResourceIsRejected(@TempDir Path dir) throws IOException {
		Path jar = jar(dir, Map.of("profiles/CodeSystem-colours.json", codeSystem("shapes")));
		try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
			assertThatThrownBy(() -> ConformanceResources.load(CTX, loader))
					.hasMessageContaining("rename the file to profiles/CodeSystem-shapes.json");
		}
	}

	private static String codeSystem(String id) {
		return "{\"resourceType\":\"CodeSystem\",\"id\":\"" + id + "\",\"url\":\"http://example.org/" + id
				+ "\",\"status\":\"draft\",\"content\":\"complete\"}";
	}

	private static Path jar(Path dir, Map<String, String> entries) throws IOException {
		Path jar = dir.resolve("test.jar");
		try (OutputStream out = Files.newOutputStream(jar); var jarOut = new JarOutputStream(out)) {
			jarOut.putNextEntry(new JarEntry("profiles/"));
			for (var e : entries.entrySet()) {
				jarOut.putNextEntry(new JarEntry(e.getKey()));
				jarOut.write(e.getValue().getBytes(StandardCharsets.UTF_8));
			}
		}
		return jar;
	}
}
