package org.trialfhir.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.bulkimport.ServerImports;
import org.trialfhir.derive.ScoreDerivation;
import org.trialfhir.simulator.SimulateCommand;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * The demo trial is simulated and loaded through {@code $import} (at the tests' size, {@link DemoTrial#TEST_SIZE}):
 * every resource the simulator writes is stored, every subject has every score on every study day with data, the
 * health is not UP before, and a second start imports nothing.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataIT {

	private static final String TRIAL_SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";
	private static final String STUDY_DAY = "http://trialfhir.org/fhir/StructureDefinition/study-day";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	static Path simulated;

	/** The simulator's own output for the demo's settings, read independently of the server: lines per type. */
	Map<String, List<String>> simulatorLines;

	Status healthBefore;
	Status healthAfter;

	@BeforeAll
	void loadTheDemo() throws Exception {
		Path ndjson = SimulateCommand.writeNdjson(simulated, DemoTrial.TEST_SIZE.simulatorArguments());
		simulatorLines = new TreeMap<>();
		try (Stream<Path> files = Files.list(ndjson)) {
			for (Path file : files.sorted().toList()) {
				simulatorLines.put(file.getFileName().toString().replace(".ndjson", ""),
						Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList());
			}
		}
		DemoHealthIndicator readiness = new DemoHealthIndicator();
		healthBefore = readiness.health().getStatus();
		DemoTrial.loader(context, readiness).load();
		healthAfter = readiness.health().getStatus();
	}

	@Test
	void theHealthSaysUpOnlyOnceTheTrialIsLoadedAndDerived() {
		assertThat(healthBefore).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(healthAfter).isEqualTo(Status.UP);
	}

	@Test
	void everyResourceTheSimulatorWroteIsStored() {
		IGenericClient fhir = FhirTestClient.fhir(port, TestRole.ADMIN);
		// (no bleeding AdverseEvent among the first 6 subjects of seed 1; the pilot-sized demo has 7)
		assertThat(simulatorLines.keySet()).contains("Observation", "Patient", "ResearchSubject", "ResearchStudy",
				"PlanDefinition", "MedicationAdministration", "Procedure");
		FhirContext parser = FhirContext.forR4Cached();
		for (Map.Entry<String, List<String>> type : simulatorLines.entrySet()) {
			List<String> ids = type.getValue().stream()
					.map(line -> parser.newJsonParser().parseResource(line).getIdElement().getIdPart()).toList();
			int stored = 0;
			for (int from = 0; from < ids.size(); from += 100) {
				String batch = String.join(",", ids.subList(from, Math.min(ids.size(), from + 100)));
				stored += fhir.search().byUrl(type.getKey() + "?_id=" + batch).summaryMode(SummaryEnum.COUNT)
						.returnBundle(Bundle.class).execute().getTotal();
			}
			assertThat(stored).as(type.getKey()).isEqualTo(ids.size());
		}
		ResearchStudy study = fhir.read().resource(ResearchStudy.class).withId("sim-study").execute();
		assertThat(study.getTitle()).startsWith("Simulated trial: recombinant thrombomodulin versus control");
		assertThat(((BooleanType) study.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/blinded")
				.getValue()).booleanValue()).as("open label").isFalse();
	}

	@Test
	void everySubjectHasEveryScoreOnEveryStudyDayWithData() {
		IGenericClient fhir = FhirTestClient.fhir(port, TestRole.ADMIN);
		FhirContext parser = FhirContext.forR4Cached();
		// study days with data of each patient, from the simulator's output: T0 from its ResearchSubject, days 1-10
		Map<String, Instant> t0 = new HashMap<>();
		for (String line : simulatorLines.get("ResearchSubject")) {
			ResearchSubject subject = (ResearchSubject) parser.newJsonParser().parseResource(line);
			t0.put(subject.getIndividual().getReferenceElement().getIdPart(), subject.getPeriod().getStart().toInstant());
		}
		Map<String, Set<Integer>> dataDays = new TreeMap<>();
		for (String line : simulatorLines.get("Observation")) {
			Observation observation = (Observation) parser.newJsonParser().parseResource(line);
			String patient = observation.getSubject().getReferenceElement().getIdPart();
			Instant at = (observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue()
					: observation.getEffectivePeriod().getStart()).toInstant();
			long hours = Duration.between(t0.get(patient), at).toMinutes();
			if (hours >= 0) {
				int day = (int) (hours / (24 * 60)) + 1;
				if (day <= DemoTrial.TEST_SIZE.days()) {
					dataDays.computeIfAbsent(patient, p -> new TreeSet<>()).add(day);
				}
			}
		}
		assertThat(dataDays).hasSize(DemoTrial.TEST_SIZE.subjects());
		assertThat(dataDays.values()).as("someone is followed for all 10 days")
				.anySatisfy(days -> assertThat(days).hasSize(10));
		for (Map.Entry<String, Set<Integer>> patient : dataDays.entrySet()) {
			Bundle scores = fhir.search().byUrl("Observation?subject=Patient/" + patient.getKey() + "&code=" + TRIAL_SCORE
					+ "|&_count=1000").returnBundle(Bundle.class).execute();
			Map<String, Set<Integer>> daysByScore = new TreeMap<>();
			for (Bundle.BundleEntryComponent entry : scores.getEntry()) {
				Observation score = (Observation) entry.getResource();
				if (score.hasExtension(STUDY_DAY)) {
					daysByScore.computeIfAbsent(score.getCode().getCodingFirstRep().getCode(), c -> new TreeSet<>())
							.add(((IntegerType) score.getExtensionByUrl(STUDY_DAY).getValue()).getValue());
				}
			}
			assertThat(daysByScore.keySet()).as(patient.getKey()).containsExactlyInAnyOrderElementsOf(
					ScoreDerivation.SCORE_CODES);
			daysByScore.forEach((code, days) -> assertThat(days).as(patient.getKey() + " " + code)
					.isEqualTo(patient.getValue()));
		}
	}

	@Test
	void aSecondStartImportsNothingAndImportingAgainCreatesNothing() throws Exception {
		DemoHealthIndicator readiness = new DemoHealthIndicator();
		DemoTrial.loader(context, readiness).load();
		assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM trialfhir_import_job WHERE owner_client = ?",
				Integer.class, DemoDataLoader.OWNER.clientId())).as("import jobs of the demo").isEqualTo(1);

		// and the import itself is idempotent: the set-up and one subject's data imported again create nothing
		String again = simulatorLines.entrySet().stream()
				.flatMap(type -> type.getValue().stream()
						.filter(line -> !type.getKey().equals("Observation") || line.contains("\"Patient/sim-p0001\"")))
				.collect(Collectors.joining("\n"));
		ServerImports imports = context.getBean(ServerImports.class);
		UUID job = imports.start(again, DemoDataLoader.OWNER);
		ServerImports.Outcome outcome = imports.await(job, DemoDataLoader.OWNER, Duration.ofMillis(200));
		assertThat(outcome.completed()).isTrue();
		assertThat(outcome.linesNotWritten()).isZero();
		assertThat(outcome.created().values()).as("created").allMatch(created -> created == 0);
		assertThat(outcome.updated().values().stream().mapToInt(Integer::intValue).sum())
				.isEqualTo((int) again.lines().count());
		Observation platelets = FhirTestClient.fhir(port, TestRole.ADMIN).read().resource(Observation.class)
				.withId("sim-p0001-d01-plt-1").execute();
		assertThat(platelets.getMeta().getVersionId()).as("an unchanged line is no new version").isEqualTo("1");
	}

	@Test
	void theBlindedStudyAndTheScreeningPatientsAreThere() {
		IGenericClient fhir = FhirTestClient.fhir(port, TestRole.ADMIN);
		ResearchStudy blinded = fhir.read().resource(ResearchStudy.class).withId("demo-blinded-study").execute();
		assertThat(((BooleanType) blinded.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/blinded")
				.getValue()).booleanValue()).isTrue();
		for (String patient : List.of("demo-screen-1", "demo-screen-2", "demo-screen-3", "demo-screen-4")) {
			assertThat(fhir.read().resource(Patient.class).withId(patient).execute().getIdElement().getIdPart())
					.isEqualTo(patient);
			Observation screening = fhir.read().resource(Observation.class).withId(patient + "-screening-jaam").execute();
			// the jaam-dic criterion looks back 24 h from the randomization
			assertThat(screening.getEffectiveDateTimeType().getValue().toInstant())
					.isAfter(Instant.now().minus(Duration.ofHours(24))).isBefore(Instant.now());
			assertThat(screening.getValueIntegerType().getValue()).isGreaterThanOrEqualTo(4);
		}
		Bundle consents = fhir.search().forResource(Consent.class).where(Consent.PATIENT.hasId("Patient/demo-screen-4"))
				.returnBundle(Bundle.class).execute();
		assertThat(consents.getEntry()).as("demo-screen-4 lacks consent, to show an ineligible patient").isEmpty();
	}
}
