package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.EnrolledSubjects.Subject;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@code GET [base]/$pull-status} after real pulls: a hospital that answers, one whose port is closed, and a source
 * never pulled; and the requests it refuses.
 */
@TrialFhirServerTest
class PullStatusIT {

	static final Instant T0 = Instant.parse("2026-04-20T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	FakeHospital hospital;
	Subject subject;
	String rejectedReading;
	EhrSource good;
	EhrSource unreachable;
	EhrSource neverPulled;

	@BeforeEach
	void setUp() throws IOException {
		IGenericClient fhir = FhirTestClient.fhir(port);
		String mrnSystem = EnrolledSubjects.newMrnSystem();
		subject = EnrolledSubjects.on(fhir).mrnSystem(mrnSystem).t0(T0).enrol();
		hospital = FakeHospital.start();
		// the hospital's chart of the subject: three heart rates in the trial's window and one platelet count in a
		// unit the trial does not accept — so a pull fetches 4, creates 3, rejects 1 and has no error
		String patient = "Patient/" + hospital.data.addPatient(mrnSystem, subject.mrn());
		for (int hour = 1; hour <= 3; hour++) {
			hospital.data.addObservation(HospitalFixtures.vital(patient, "8867-4", 90 + hour, "/min",
					T0.plus(Duration.ofHours(hour))));
		}
		rejectedReading = hospital.data.addObservation(HospitalFixtures.lab(patient, "777-3", 85, "mg",
				T0.plus(Duration.ofHours(4))));
		String run = UUID.randomUUID().toString();
		good = PullTesting.searchSource("status-good-" + run, hospital, mrnSystem);
		unreachable = new EhrSource("status-down-" + run, URI.create("http://127.0.0.1:" + closedPort() + "/fhir"),
				mrnSystem, EhrAuth.NONE, null, 5, Duration.ofSeconds(2), EhrSource.FetchMode.SEARCH, null,
				PullTesting.FAST_RETRY, null);
		neverPulled = PullTesting.searchSource("status-idle-" + run, hospital, mrnSystem);
		Stream.of(good, unreachable, neverPulled).forEach(sources::register);
	}

	@AfterEach
	void tearDown() {
		Stream.of(good, unreachable, neverPulled).forEach(source -> sources.remove(source.name()));
		hospital.close();
	}

	@Test
	void eachSourcesLastRunWithItsCountsAndIssues() {
		PullTesting.pull(port, good.name());
		PullTesting.pull(port, unreachable.name());

		String body = FhirTestClient.http(port, TestRole.COORDINATOR).get("/$pull-status").then().statusCode(200)
				.extract().asString();
		Parameters status = FhirTestClient.context().newJsonParser().parseResource(Parameters.class, body);

		Map<String, List<Object>> goodParts = parts(source(status, good.name()));
		assertThat(goodParts.get("result")).containsExactly("completed");
		assertThat(goodParts).containsKeys("started", "finished");
		assertThat(goodParts.get("fetched")).containsExactly(4);
		assertThat(goodParts.get("created")).containsExactly(3);
		assertThat(goodParts.get("updated")).containsExactly(0);
		assertThat(goodParts.get("unchanged")).containsExactly(0);
		assertThat(goodParts.get("rejected")).containsExactly(1);
		assertThat(goodParts.get("errors")).containsExactly(0);
		assertThat(goodParts.get("issues")).containsExactly(1);
		Map<String, List<Object>> rejected = parts(source(status, good.name()).getPart().stream()
				.filter(p -> p.getName().equals("issue")).findFirst().orElseThrow());
		assertThat(rejected.get("kind")).containsExactly("rejected");
		assertThat(rejected.get("subject")).containsExactly("ResearchSubject/" + subject.researchSubjectId());
		// the version the hospital served: its first
		assertThat(rejected.get("reference")).containsExactly(hospital.baseUrl() + "/Observation/" + rejectedReading
				+ "/_history/1");
		assertThat(rejected.get("reason")).singleElement().asString().contains("mg");

		Map<String, List<Object>> downParts = parts(source(status, unreachable.name()));
		assertThat(downParts.get("result")).containsExactly("failed");
		assertThat(downParts.get("fetched")).containsExactly(0);
		assertThat(downParts.get("created")).containsExactly(0);
		assertThat(downParts.get("errors")).containsExactly(1);
		assertThat(downParts.get("note")).singleElement().asString()
				.startsWith("ResearchSubject/" + subject.researchSubjectId() + ": ");
		assertThat(downParts.get("issues")).containsExactly(1);
		Map<String, List<Object>> failed = parts(source(status, unreachable.name()).getPart().stream()
				.filter(p -> p.getName().equals("issue")).findFirst().orElseThrow());
		assertThat(failed.get("kind")).containsExactly("failed");
		assertThat(failed.get("subject")).containsExactly("ResearchSubject/" + subject.researchSubjectId());
		assertThat(failed).doesNotContainKey("reference");

		assertThat(parts(source(status, neverPulled.name())))
				.containsExactlyInAnyOrderEntriesOf(Map.of("name", List.of(neverPulled.name()),
						"result", List.of("never-pulled"), "issues", List.of(0)));

		// the blind: the status names no arm
		assertThat(body).doesNotContain(subject.arm());
	}

	@Test
	void theLastRunIsTheNewest() {
		PullTesting.pull(port, good.name());
		hospital.data.addObservation(HospitalFixtures.vital("Patient/" + firstPatientId(), "8867-4", 99, "/min",
				T0.plus(Duration.ofHours(5))));
		PullTesting.Counts second = PullTesting.pull(port, good.name());
		assertThat(second.created()).isEqualTo(1);

		Parameters status = FhirTestClient.context().newJsonParser().parseResource(Parameters.class,
				FhirTestClient.http(port, TestRole.ADMIN).get("/$pull-status").then().statusCode(200).extract()
						.asString());
		Map<String, List<Object>> goodParts = parts(source(status, good.name()));
		assertThat(goodParts.get("created")).containsExactly(1);
		assertThat(goodParts.get("rejected")).containsExactly(second.rejected());
	}

	@Test
	void xmlIsAnsweredToo() {
		FhirTestClient.http(port, TestRole.COORDINATOR).get("/$pull-status?_format=xml").then().statusCode(200)
				.contentType(containsString("xml")).body(containsString("<Parameters"));
		FhirTestClient.http(port, TestRole.COORDINATOR).queryParam("_format", "application/fhir+json")
				.queryParam("_pretty", "true").get("/$pull-status")
				.then().statusCode(200).body("resourceType", equalTo("Parameters"));
	}

	@Test
	void theCapabilityStatementListsTheOperationWithItsDefinition() {
		var metadata = FhirTestClient.anonymous(port).capabilities()
				.ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
		assertThat(metadata.getRestFirstRep().getOperation().stream()
				.filter(o -> o.getName().replace("$", "").equals("pull-status")).map(o -> o.getDefinition()))
				.containsExactly("http://trialfhir.org/fhir/OperationDefinition/pull-status");
	}

	@Test
	void aBatchEntryNeedsTheScopeToo() {
		org.hl7.fhir.r4.model.Bundle batch = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.GET).setUrl("$pull-status");
		var response = FhirTestClient.http(port, TestRole.RESEARCH).contentType("application/fhir+json")
				.body(FhirTestClient.json(batch)).post("/");
		String body = response.asString();
		// refused as a whole or entry by entry, never answered
		if (response.statusCode() == 200) {
			assertThat(response.jsonPath().getString("entry[0].response.status")).startsWith("403");
		} else {
			assertThat(response.statusCode()).isEqualTo(403);
		}
		assertThat(body).doesNotContain("never-pulled").doesNotContain(good.name());
	}

	@Test
	void postIsRefusedWith405() {
		FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json")
				.body(FhirTestClient.json(new Parameters())).post("/$pull-status").then().statusCode(405)
				.body("resourceType", equalTo("OperationOutcome"));
	}

	static Stream<Arguments> refused() {
		return Stream.of(
				Arguments.of("an unknown parameter", "/$pull-status?source=hospital-a", "source"),
				Arguments.of("an empty parameter", "/$pull-status?source=", "source"),
				Arguments.of("a search parameter", "/$pull-status?_count=1", "_count"),
				Arguments.of("_format html", "/$pull-status?_format=html", "_format"),
				Arguments.of("_format csv", "/$pull-status?_format=text/csv", "_format"),
				Arguments.of("_format unknown", "/$pull-status?_format=yaml", "_format"),
				Arguments.of("_format twice", "/$pull-status?_format=json&_format=xml", "_format"),
				Arguments.of("a huge parameter", "/$pull-status?x" + "y".repeat(4000) + "=1", "xyyy"));
	}

	@ParameterizedTest(name = "{0} → 400")
	@MethodSource("refused")
	void badRequestsAre400WithAnOperationOutcome(String why, String url, String named) {
		FhirTestClient.http(port, TestRole.COORDINATOR).accept("application/fhir+json").get(url).then()
				.statusCode(400).body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString(named));
	}

	private String firstPatientId() {
		return hospital.data.observation(rejectedReading).getSubject().getReferenceElement().getIdPart();
	}

	private static ParametersParameterComponent source(Parameters status, String name) {
		return status.getParameter().stream().filter(p -> p.getName().equals("source"))
				.filter(p -> p.getPart().stream().anyMatch(part -> part.getName().equals("name")
						&& name.equals(part.getValue().primitiveValue())))
				.findFirst().orElseThrow(() -> new AssertionError("no source " + name + " in $pull-status"));
	}

	/** The parts of a parameter by name (nested issue parts left out), with their values as Integer or String. */
	private static Map<String, List<Object>> parts(ParametersParameterComponent parameter) {
		Map<String, List<Object>> parts = new LinkedHashMap<>();
		for (ParametersParameterComponent part : parameter.getPart()) {
			if (part.getValue() == null) {
				continue;
			}
			Object value;
			if (part.getValue() instanceof IntegerType integer) {
				value = integer.getValue();
			} else if (part.getValue() instanceof Reference reference) {
				value = reference.getReference();
			} else {
				value = part.getValue().primitiveValue();
			}
			parts.computeIfAbsent(part.getName(), n -> new java.util.ArrayList<>()).add(value);
		}
		return parts;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
