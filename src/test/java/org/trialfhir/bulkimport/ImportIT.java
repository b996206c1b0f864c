package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@code $import} end to end: a simulated trial imported from NDJSON equals the same trial loaded by transaction
 * bundles (every resource, and the derived scores the server computes from them); bad lines are reported line by line
 * and the rest loads; importing again creates nothing twice. The kick-off and poll doors: {@link ImportDoorsIT}.
 */
@TrialFhirServerTest
class ImportIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	static NdjsonHost host;

	@BeforeAll
	static void startHost() throws Exception {
		host = new NdjsonHost();
	}

	@org.junit.jupiter.api.AfterAll
	static void stopHost() {
		host.close();
	}

	@Test
	void anImportedTrialEqualsTheSameTrialLoadedByBundles(@TempDir Path dir) {
		SimulatedTrial imported = SimulatedTrial.generate(dir, "impa-", "--subjects", "10", "--days", "3", "--seed", "17");
		SimulatedTrial bundled = SimulatedTrial.generate(dir, "impb-", "--subjects", "10", "--days", "3", "--seed", "17");

		// the simulator's files as they are, one input per type, given in the order the files sort (Observations first)
		List<Map<String, String>> inputs = new ArrayList<>();
		imported.ndjsonByType().forEach((type, ndjson) -> inputs.add(Map.of("type", type, "url",
				host.serve("/trial-a/" + type + ".ndjson", ndjson))));
		JsonPath report = jobs().poll(jobs().kickOff(inputs).then().statusCode(202).extract().header("Content-Location"));
		assertThat(report.getString("status")).isEqualTo("completed");
		assertThat(report.getList("errors")).isEmpty();
		assertThat(report.getInt("counts.Observation.created")).isEqualTo(
				(int) imported.ndjsonByType().get("Observation").lines().count());
		assertThat(createdTotal(report)).isEqualTo(imported.resources());

		for (String bundle : bundled.bundles()) {
			FhirTestClient.http(port).contentType("application/fhir+json").body(bundle).post("/").then().statusCode(200);
		}
		awaitReDerived("impa-");
		awaitReDerived("impb-");

		IGenericClient fhir = FhirTestClient.fhir(port);
		int derived = 0;
		for (int subject = 1; subject <= 10; subject++) {
			String number = String.format("p%04d", subject);
			List<String> viaImport = observations(fhir, "impa-", number);
			List<String> viaBundles = observations(fhir, "impb-", number);
			assertThat(viaImport).as("Observations of subject %s, input and derived", number)
					.isNotEmpty().containsExactlyInAnyOrderElementsOf(viaBundles);
			derived += (int) viaImport.stream().filter(json -> json.contains("TrialDerivedScore")).count();
		}
		assertThat(derived).as("derived scores of the 10 subjects").isGreaterThan(10 * 3);
		for (Map.Entry<String, String> file : imported.ndjsonByType().entrySet()) {
			if (file.getKey().equals("Observation")) {
				continue;
			}
			for (String line : file.getValue().lines().toList()) {
				String id = FhirTestClient.context().newJsonParser().parseResource(line).getIdElement().getIdPart();
				assertThat(canonical(read(fhir, file.getKey(), id), "impa-"))
						.isEqualTo(canonical(read(fhir, file.getKey(), id.replace("impa-", "impb-")), "impb-"));
			}
		}
	}

	@Test
	void importingTheSameNdjsonAgainCreatesNoDuplicate(@TempDir Path dir) {
		SimulatedTrial trial = SimulatedTrial.generate(dir, "impr-", "--subjects", "2", "--days", "1", "--seed", "5");
		String ndjson = setupFirst(trial);
		JsonPath first = jobs().poll(jobs().inline(ndjson).then().statusCode(202).extract().header("Content-Location"));
		assertThat(first.getList("errors")).isEmpty();
		int observations = countObservations("impr-p0001");
		assertThat(observations).isGreaterThan(10);

		Bundle audit = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(org.hl7.fhir.r4.model.AuditEvent.class)
				.where(new ca.uhn.fhir.rest.gclient.TokenClientParam("entity-resource")
						.exactly().systemAndCode(ImportAudit.JOB_SYSTEM, first.getString("jobId")))
				.returnBundle(Bundle.class).execute();
		assertThat(audit.getEntry()).as("one AuditEvent per job").hasSize(1);
		org.hl7.fhir.r4.model.AuditEvent event = (org.hl7.fhir.r4.model.AuditEvent) audit.getEntry().get(0).getResource();
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("$import");
		assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(TestRole.ADMIN.clientId);
		assertThat(event.getEntityFirstRep().getDetail()).as("one detail per chunk").hasSize(first.getList("chunks").size());
		assertThat(event.getEntityFirstRep().getDetail().get(0).getValueStringType().getValue())
				.contains("Observation created", "errors 0");

		JsonPath second = jobs().poll(jobs().inline(ndjson).then().statusCode(202).extract().header("Content-Location"));
		assertThat(second.getString("jobId")).isNotEqualTo(first.getString("jobId"));
		assertThat(second.getList("errors")).isEmpty();
		assertThat(createdTotal(second)).as("created by the second import").isZero();
		assertThat(countObservations("impr-p0001")).isEqualTo(observations);
		Observation one = FhirTestClient.fhir(port).read().resource(Observation.class).withId("impr-p0001-d01-plt-1")
				.execute();
		assertThat(one.getMeta().getVersionId()).as("unchanged by the second import").isEqualTo("1");
	}

	@Test
	void badLinesAreReportedWithTheirLineNumberAndTheRestLoads(@TempDir Path dir) {
		SimulatedTrial trial = SimulatedTrial.generate(dir, "impl-", "--subjects", "1", "--days", "1", "--seed", "9");
		List<String> lines = new ArrayList<>(setupFirst(trial).lines().toList());
		int good = lines.size();
		String platelets = lines.stream().filter(line -> line.contains("\"id\":\"impl-p0001-d01-plt-1\"")).findFirst()
				.orElseThrow();
		lines.add("{\"resourceType\":\"Observation\", this is not JSON"); // line good+1
		lines.add(platelets.replace("impl-p0001-d01-plt-1", "impl-bad-unit").replace("\"10*4/uL\"", "\"kg\"")
				.replace("\"10*9/L\"", "\"kg\"").replace("\"10*3/uL\"", "\"kg\"")); // good+2: a unit not accepted
		lines.add("{\"resourceType\":\"Patient\",\"gender\":\"female\"}"); // good+3: no id, no key
		lines.add("{\"resourceType\":\"AuditEvent\",\"id\":\"impl-audit\"}"); // good+4: never writable
		lines.add("{\"resourceType\":\"Patient\",\"id\":\"impl-x\",\"gendr\":\"female\"}"); // good+5: unknown element

		JsonPath report = jobs().poll(jobs().inline(String.join("\n", lines)).then().statusCode(202).extract()
				.header("Content-Location"));
		assertThat(report.getString("status")).isEqualTo("completed");
		assertThat(report.getList("errors.line", Integer.class)).containsExactly(good + 1, good + 2, good + 3,
				good + 4, good + 5);
		assertThat(report.getString("errors[1].outcome.resourceType")).isEqualTo("OperationOutcome");
		assertThat(report.getList("errors[1].outcome.issue.expression.flatten()", String.class))
				.as("the validator's element path").anyMatch(path -> path.startsWith("Observation.value"));
		assertThat(report.getString("errors[3].outcome.issue[0].code")).isEqualTo("forbidden");
		assertThat(report.getInt("errorCount")).isEqualTo(5);
		assertThat(createdTotal(report)).isEqualTo(good);
		FhirTestClient.http(port).get("/Observation/impl-p0001-d01-plt-1").then().statusCode(200);
		FhirTestClient.http(port).get("/Observation/impl-bad-unit").then().statusCode(404);
		FhirTestClient.http(port, TestRole.AUDITOR).get("/AuditEvent/impl-audit").then().statusCode(404);
	}

	/**
	 * Chunks of Observations are written side by side ({@code trialfhir.import.parallelism}); one resource written
	 * by three lines in three consecutive chunks of its input (by id, then by its identifier without id, then by id)
	 * ends as its last line, each line one version in file order, as a sequential load writes it.
	 */
	@Test
	void aResourceInSeveralChunksWrittenSideBySideEndsAsItsLastLine(@TempDir Path dir) {
		SimulatedTrial trial = SimulatedTrial.generate(dir, "impw-", "--subjects", "8", "--days", "3", "--seed", "13");
		String id = "impw-p0001-d01-plt-1";
		List<String> observations = new ArrayList<>(trial.ndjsonByType().get("Observation").lines().toList());
		String original = observations.stream().filter(line -> line.contains("\"id\":\"" + id + "\"")).findFirst()
				.orElseThrow();
		observations.remove(original);
		int chunkSize = 500; // trialfhir.import.chunk-size: the three lines fall in the input's chunks 1, 2 and 3
		assertThat(observations.size()).as("lines after the third copy").isGreaterThan(2 * chunkSize + 20);
		observations.add(10, withPlatelets(original, 111, true));
		observations.add(10 + chunkSize, withPlatelets(original, 222, false));
		observations.add(10 + 2 * chunkSize, withPlatelets(original, 333, true));
		List<Map<String, String>> inputs = new ArrayList<>();
		trial.ndjsonByType().forEach((type, ndjson) -> inputs.add(Map.of("type", type, "url", host.serve(
				"/side-by-side/" + type + ".ndjson", type.equals("Observation") ? String.join("\n", observations)
						: ndjson))));

		JsonPath report = jobs().poll(jobs().kickOff(inputs).then().statusCode(202).extract().header("Content-Location"));
		assertThat(report.getString("status")).isEqualTo("completed");
		assertThat(report.getList("errors")).isEmpty();

		Observation stored = FhirTestClient.fhir(port).read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getValueQuantity().getValue().intValue()).as("the last line's value").isEqualTo(333);
		assertThat(stored.getMeta().getVersionId()).as("created, then updated twice").isEqualTo("3");
		Observation second = FhirTestClient.fhir(port).read().resource(Observation.class).withIdAndVersion(id, "2")
				.execute();
		assertThat(second.getValueQuantity().getValue().intValue()).as("version 2: the keyed line").isEqualTo(222);
		assertThat(FhirTestClient.fhir(port).search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode("http://trialfhir.org/fhir/sid/simulator", id))
				.returnBundle(Bundle.class).execute().getEntry()).as("no duplicate from the keyed line").hasSize(1);
	}

	/** The platelet count line with another value; without its id (so written by its identifier) unless byId. */
	static String withPlatelets(String line, int value, boolean byId) {
		var parser = FhirTestClient.context().newJsonParser();
		Observation observation = parser.parseResource(Observation.class, line);
		observation.getValueQuantity().setValue(value);
		if (!byId) {
			observation.setIdElement(null);
		}
		return parser.encodeResourceToString(observation);
	}

	// ------------------------------------------------------------------------------------------------------------

	ImportJobs jobs() {
		return new ImportJobs(port);
	}

	/** The NDJSON of the simulated trial in one body, its set-up resources first, as a client would order them. */
	static String setupFirst(SimulatedTrial trial) {
		StringBuilder all = new StringBuilder();
		// the schedule of activities before the study, whose protocol names it
		List<String> setup = List.of("Organization", "PlanDefinition", "ResearchStudy", "Patient", "ResearchSubject");
		for (String type : setup) {
			all.append(trial.ndjsonByType().get(type));
		}
		trial.ndjsonByType().forEach((type, ndjson) -> {
			if (!setup.contains(type)) {
				all.append(ndjson);
			}
		});
		return all.toString();
	}

	static int createdTotal(JsonPath report) {
		Map<String, Map<String, Integer>> counts = report.getMap("counts");
		return counts.values().stream().mapToInt(of -> of.get("created")).sum();
	}

	/** Waits until no patient of the copy is queued for re-derivation. */
	void awaitReDerived(String prefix) {
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
				"SELECT count(*) FROM trialfhir_rederive_queue WHERE patient_id LIKE ?", Integer.class,
				"%" + prefix + "%") == 0);
	}

	int countObservations(String patient) {
		return FhirTestClient.fhir(port).search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/" + patient)).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute().getTotal();
	}

	/** Every Observation of the patient (input and derived), canonical, in no particular order. */
	static List<String> observations(IGenericClient fhir, String prefix, String number) {
		List<String> all = new ArrayList<>();
		Bundle page = fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/" + prefix + number)).count(1000).returnBundle(Bundle.class)
				.execute();
		while (true) {
			page.getEntry().forEach(entry -> {
				// a fresh copy, not linked to the other resources of the page (the encoder would contain those)
				var parser = FhirTestClient.context().newJsonParser();
				Resource observation = (Resource) parser.parseResource(parser.encodeResourceToString(entry.getResource()));
				observation.setIdElement(null); // an input's id is in its identifier; a derived score's is made from its own
				all.add(canonical(observation, prefix));
			});
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				return all;
			}
			page = fhir.loadPage().next(page).execute();
		}
	}

	static IBaseResource read(IGenericClient fhir, String type, String id) {
		return fhir.read().resource(type).withId(id).execute();
	}

	/** The resource as the client sees it, without what storing it added (version, time) and with ids unprefixed. */
	static String canonical(IBaseResource resource, String prefix) {
		resource.getMeta().setVersionId(null);
		resource.getMeta().setLastUpdated(null);
		((Resource) resource).getMeta().setSource(null);
		return FhirTestClient.context().newJsonParser().encodeResourceToString(resource).replace(prefix, "X-");
	}
}
