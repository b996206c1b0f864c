package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Adjudication of pulled values against a fake hospital (the charts of HospitalFixtures): a source with
 * {@code adjudication: required} holds every value pending, {@code $adjudicate} decides, a re-pull of the same source
 * version changes nothing, a new source version is pending again.
 */
@TrialFhirServerTest
class PullAdjudicationIT {

	static final Instant T0 = Instant.parse("2026-02-10T08:00:00Z");
	static final String TAGS = "http://trialfhir.org/fhir/CodeSystem/trial-adjudication";
	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Autowired
	JdbcTemplate jdbc;

	IGenericClient fhir;
	PullScenario scenario;
	FakeHospital hospital;
	EhrSource source;
	EnrolledSubjects.Subject first;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "adjudicated", 2, T0);
		hospital = scenario.hospital;
		scenario.register(scenario.source().withAdjudication(EhrSource.Adjudication.REQUIRED));
		source = scenario.source();
		first = scenario.subjects.get(0);
	}

	@AfterEach
	void tearDown() {
		scenario.close();
	}

	@Test
	void aPendingValueCountsInNoScoreUntilAcceptedAndThenLeavesThePendingList() {
		Counts pulled = PullTesting.pull(port, source.name());

		assertThat(pulled.created()).isEqualTo(2 * HospitalFixtures.CREATED);
		assertThat(PullTesting.fetchAllFrom(fhir, hospital)).hasSize(2 * HospitalFixtures.CREATED).allSatisfy(o -> {
			assertThat(o.getStatus()).isEqualTo(ObservationStatus.PRELIMINARY);
			assertThat(adjudicationTags(o)).containsExactly("pending");
		});
		assertThat(pendingOf(first.patient())).hasSize(HospitalFixtures.CREATED);
		// day 1 = [T0, T0 + 24 h) holds one platelet count, 8.5 x10^4/uL = 85 x10^9/L at T0 + 12 h
		Observation platelets = dayOnePlatelets();
		derive(first);
		assertThat(sofaCoagulationOfDayOne(first)).as("the pending count must not be scored").isNull();

		Parameters answer = adjudicate(TestRole.COORDINATOR, platelets.getIdElement().getIdPart(), "accept", null)
				.then().statusCode(200).extract().asString().transform(this::parameters);

		Observation accepted = read(platelets.getIdElement().getIdPart());
		assertThat(accepted.getStatus()).isEqualTo(ObservationStatus.FINAL);
		assertThat(accepted.getMeta().getVersionId()).isEqualTo("2");
		assertThat(adjudicationTags(accepted)).containsExactly("accepted");
		assertThat(answer.getParameter()).singleElement().satisfies(p -> {
			assertThat(part(p, "observation")).isEqualTo("Observation/" + platelets.getIdElement().getIdPart());
			assertThat(part(p, "version")).isEqualTo("2");
			assertThat(part(p, "decision")).isEqualTo("accept");
			assertThat(part(p, "status")).isEqualTo("final");
		});
		assertThat(pendingOf(first.patient())).hasSize(HospitalFixtures.CREATED - 1)
				.noneMatch(o -> o.getIdElement().getIdPart().equals(platelets.getIdElement().getIdPart()));
		// the decision queues the day's re-derivation like any write: no $derive-scores needed
		// SOFA coagulation: 50 <= 85 < 100 x10^9/L -> 2
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(sofaCoagulationOfDayOne(first)).isEqualTo(2));
		AuditEvent decision = decisionAudit(platelets.getIdElement().getIdPart());
		assertThat(decision.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("coordinator-demo");
		assertThat(decision.getEntityFirstRep().getDetail()).anySatisfy(d -> {
			assertThat(d.getType()).isEqualTo("decision");
			assertThat(d.getValueStringType().getValue()).isEqualTo("accept");
		});
	}

	@Test
	void aRejectionKeepsItsReasonAndARepullOfTheSameSourceVersionChangesNothing() {
		PullTesting.pull(port, source.name());
		String rejected = ourCopy(scenario.heartRates.get(0).get(7)).getIdElement().getIdPart();
		String accepted = ourCopy(scenario.heartRates.get(0).get(8)).getIdElement().getIdPart();

		adjudicate(TestRole.COORDINATOR, rejected, "reject", "monitor artefact: the patient was being moved")
				.then().statusCode(200);
		adjudicate(TestRole.ADMIN, accepted, "accept", null).then().statusCode(200);

		Observation withReason = read(rejected);
		assertThat(withReason.getStatus()).isEqualTo(ObservationStatus.ENTEREDINERROR);
		assertThat(adjudicationTags(withReason)).containsExactly("rejected");
		assertThat(withReason.getNote()).anySatisfy(
				note -> assertThat(note.getText()).contains("monitor artefact: the patient was being moved"));
		assertThat(decisionAudit(rejected).getEntityFirstRep().getDetail()).anySatisfy(d -> {
			assertThat(d.getType()).isEqualTo("reason");
			assertThat(d.getValueStringType().getValue()).isEqualTo("monitor artefact: the patient was being moved");
		});

		// without cursors the pull fetches every value again, each the source version already stored
		jdbc.update("DELETE FROM ingest_pull_cursor WHERE source_name = ?", source.name());
		Counts again = PullTesting.pull(port, source.name());

		assertThat(again.created()).isZero();
		assertThat(again.updated()).isZero();
		assertThat(read(rejected).getMeta().getVersionId()).isEqualTo("2");
		assertThat(read(rejected).getStatus()).isEqualTo(ObservationStatus.ENTEREDINERROR);
		assertThat(read(accepted).getMeta().getVersionId()).isEqualTo("2");
		assertThat(adjudicationTags(read(accepted))).containsExactly("accepted");
	}

	@Test
	void aNewSourceVersionOfADecidedValueIsPendingAgainShowingTheOldAndNewValue() {
		PullTesting.pull(port, source.name());
		String sourceId = scenario.heartRates.get(0).get(10); // k = 4: 84 /min
		String ours = ourCopy(sourceId).getIdElement().getIdPart();
		adjudicate(TestRole.COORDINATOR, ours, "accept", "checked against the chart").then().statusCode(200);
		hospital.data.updateObservation(sourceId, o -> ((Quantity) o.getValue()).setValue(new BigDecimal("131")));

		Counts again = PullTesting.pull(port, source.name());

		assertThat(again.updated()).isEqualTo(1);
		Observation changed = read(ours);
		assertThat(changed.getMeta().getVersionId()).isEqualTo("3");
		assertThat(changed.getStatus()).isEqualTo(ObservationStatus.PRELIMINARY);
		assertThat(adjudicationTags(changed)).containsExactly("pending");
		assertThat(changed.getValueQuantity().getValue()).isEqualByComparingTo("131");
		assertThat(changed.getNote()).anySatisfy(note -> assertThat(note.getText())
				.contains("accepted").contains("was 84.0 /min").contains("now 131 /min")); // 84.0: the fixture's double
		assertThat(pendingOf(first.patient())).anyMatch(o -> o.getIdElement().getIdPart().equals(ours));
		Observation decided = fhir.read().resource(Observation.class).withIdAndVersion(ours, "2").execute();
		assertThat(decided.getStatus()).isEqualTo(ObservationStatus.FINAL);
		assertThat(adjudicationTags(decided)).containsExactly("accepted");
		assertThat(decisionAudit(ours).getEntityFirstRep().getDetail()).anySatisfy(d -> {
			assertThat(d.getType()).isEqualTo("version");
			assertThat(d.getValueStringType().getValue()).isEqualTo("2");
		});
	}

	@Test
	void noClientWriteDecidesOrHidesAPendingValue() {
		PullTesting.pull(port, source.name());
		Observation pending = ourCopy(scenario.heartRates.get(0).get(9));
		String id = pending.getIdElement().getIdPart();
		Observation faked = pending.copy();
		faked.setStatus(ObservationStatus.FINAL);
		faked.getMeta().getTag().clear();
		faked.getMeta().addTag(TAGS, "accepted", null);

		for (TestRole role : List.of(TestRole.COORDINATOR, TestRole.ADMIN)) {
			FhirTestClient.http(port, role).contentType(FHIR_JSON).body(FhirTestClient.json(faked))
					.put("/Observation/" + id).then().statusCode(409)
					.body("issue[0].diagnostics", containsString("$adjudicate"));
		}
		Observation statusOnly = pending.copy();
		statusOnly.setStatus(ObservationStatus.FINAL);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(statusOnly))
				.put("/Observation/" + id).then().statusCode(409);
		FhirTestClient.http(port).contentType("application/json-patch+json")
				.body("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"final\"}]")
				.patch("/Observation/" + id).then().statusCode(409);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(faked).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/" + id);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(transaction)).post("/")
				.then().statusCode(409);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(metaWith("pending"))
				.post("/Observation/" + id + "/$meta-delete").then().statusCode(409);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(metaWith("accepted"))
				.post("/Observation/" + id + "/$meta-add").then().statusCode(409);
		FhirTestClient.http(port).delete("/Observation/" + id).then().statusCode(409);

		Observation still = read(id);
		assertThat(still.getMeta().getVersionId()).isEqualTo("1");
		assertThat(still.getStatus()).isEqualTo(ObservationStatus.PRELIMINARY);
		assertThat(adjudicationTags(still)).containsExactly("pending");

		// nor does a client mark a value of its own as decided, or remove a decision
		Observation own = TrialFixtures.lab(first.patient(), "777-3", 120, "10*9/L", T0.plusSeconds(7200));
		own.getMeta().addTag(TAGS, "accepted", null);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(own)).post("/Observation")
				.then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
		adjudicate(TestRole.COORDINATOR, id, "accept", null).then().statusCode(200);
		FhirTestClient.http(port).contentType(FHIR_JSON).body(metaWith("accepted"))
				.post("/Observation/" + id + "/$meta-delete").then().statusCode(403);
		assertThat(adjudicationTags(read(id))).containsExactly("accepted");
	}

	@Test
	void badRequestsAreRefusedWithAnOperationOutcome() {
		PullTesting.pull(port, source.name());
		String id = ourCopy(scenario.heartRates.get(0).get(11)).getIdElement().getIdPart();

		post(TestRole.COORDINATOR, "/Observation/" + id, "{\"resourceType\":\"Parameters\"}")
				.then().statusCode(400).body("issue[0].diagnostics", containsString("decision"));
		adjudicate(TestRole.COORDINATOR, id, "maybe", null).then().statusCode(400)
				.body("issue[0].diagnostics", containsString("'accept' or 'reject'"));
		adjudicate(TestRole.COORDINATOR, id, "reject", null).then().statusCode(400)
				.body("issue[0].diagnostics", containsString("reason"));
		adjudicate(TestRole.COORDINATOR, id, "reject", "   ").then().statusCode(400);
		adjudicate(TestRole.COORDINATOR, id, "reject", "x".repeat(1001)).then().statusCode(400)
				.body("issue[0].diagnostics", containsString("1001"));
		post(TestRole.COORDINATOR, "/Observation/" + id, "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"decision\",\"valueCode\":\"accept\"},{\"name\":\"decision\",\"valueCode\":\"reject\"}]}")
				.then().statusCode(400);
		post(TestRole.COORDINATOR, "/Observation/" + id, "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"decision\",\"valueCode\":\"\"}]}").then().statusCode(400);
		post(TestRole.COORDINATOR, "/Observation/" + id, "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"decision\",\"valueInteger\":1}]}").then().statusCode(400);
		post(TestRole.COORDINATOR, "/Observation/" + id, "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"decision\",\"valueCode\":\"accept\"},{\"name\":\"verdict\",\"valueCode\":\"x\"}]}")
				.then().statusCode(400);
		for (TestRole role : List.of(TestRole.RESEARCH, TestRole.INVESTIGATOR, TestRole.EHR, TestRole.AUDITOR)) {
			adjudicate(role, id, "accept", null).then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
		}
		adjudicate(TestRole.COORDINATOR, "does-not-exist", "accept", null).then().statusCode(404);
		assertThat(adjudicationTags(read(id))).as("nothing above decided it").containsExactly("pending");

		String notPulled = fhir.create().resource(TrialFixtures.lab(first.patient(), "777-3", 120, "10*9/L",
				T0.plusSeconds(3600))).execute().getId().getIdPart();
		adjudicate(TestRole.COORDINATOR, notPulled, "accept", null).then().statusCode(409)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("not held for adjudication"));
		adjudicate(TestRole.COORDINATOR, id, "accept", null).then().statusCode(200);
		adjudicate(TestRole.COORDINATOR, id, "reject", "changed my mind").then().statusCode(409)
				.body("issue[0].diagnostics", containsString("accepted"));
		assertThat(read(id).getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void aSubjectsValuesAreDecidedTogetherAllOrNone() {
		PullTesting.pull(port, source.name());
		String a = ourCopy(scenario.heartRates.get(0).get(12)).getIdElement().getIdPart();
		String b = ourCopy(scenario.heartRates.get(0).get(13)).getIdElement().getIdPart();
		String decided = ourCopy(scenario.heartRates.get(0).get(14)).getIdElement().getIdPart();
		String otherPatients = ourCopy(scenario.heartRates.get(1).get(12)).getIdElement().getIdPart();
		adjudicate(TestRole.COORDINATOR, decided, "accept", null).then().statusCode(200);
		String subject = "/ResearchSubject/" + first.researchSubjectId();

		bulk(subject, "reject", "bad lead", a, b, decided).then().statusCode(409);
		bulk(subject, "reject", "bad lead", a, otherPatients).then().statusCode(422)
				.body("issue[0].diagnostics", containsString("Observation/" + otherPatients));
		bulk(subject, "reject", "bad lead", a, a).then().statusCode(400);
		bulk(subject, "reject", "bad lead").then().statusCode(400);
		post(TestRole.COORDINATOR, subject, "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"observation\",\"valueReference\":{\"reference\":\"Patient/" + first.patientId() + "\"}},"
				+ "{\"name\":\"decision\",\"valueCode\":\"accept\"}]}").then().statusCode(400);
		bulk("/ResearchSubject/does-not-exist", "accept", null, a).then().statusCode(404);
		assertThat(adjudicationTags(read(a))).containsExactly("pending");
		assertThat(adjudicationTags(read(b))).containsExactly("pending");

		bulk(subject, "reject", "bad lead", a, b).then().statusCode(200)
				.body("parameter.size()", equalTo(2));

		for (String id : List.of(a, b)) {
			assertThat(read(id).getStatus()).isEqualTo(ObservationStatus.ENTEREDINERROR);
			assertThat(adjudicationTags(read(id))).containsExactly("rejected");
		}
	}

	private Response adjudicate(TestRole role, String observationId, String decision, String reason) {
		Parameters in = new Parameters();
		in.addParameter().setName("decision").setValue(new CodeType(decision));
		if (reason != null) {
			in.addParameter().setName("reason").setValue(new StringType(reason));
		}
		return post(role, "/Observation/" + observationId, FhirTestClient.json(in));
	}

	private Response bulk(String subject, String decision, String reason, String... observations) {
		Parameters in = new Parameters();
		for (String id : observations) {
			in.addParameter().setName("observation").setValue(new Reference("Observation/" + id));
		}
		in.addParameter().setName("decision").setValue(new CodeType(decision));
		if (reason != null) {
			in.addParameter().setName("reason").setValue(new StringType(reason));
		}
		return post(TestRole.COORDINATOR, subject, FhirTestClient.json(in));
	}

	private Response post(TestRole role, String on, String body) {
		RequestSpecification request = FhirTestClient.http(port, role).contentType(FHIR_JSON).body(body);
		return request.post(on + "/$adjudicate");
	}

	private static String metaWith(String tag) {
		Parameters in = new Parameters();
		org.hl7.fhir.r4.model.Meta meta = new org.hl7.fhir.r4.model.Meta();
		meta.addTag(TAGS, tag, null);
		in.addParameter().setName("meta").setValue(meta);
		return FhirTestClient.json(in);
	}

	private Parameters parameters(String json) {
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, json);
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		org.hl7.fhir.r4.model.Type value = parameter.getPart().stream().filter(p -> p.getName().equals(name))
				.findFirst().orElseThrow().getValue();
		return value instanceof Reference reference ? reference.getReference() : value.primitiveValue();
	}

	private Observation read(String id) {
		return fhir.read().resource(Observation.class).withId(id).execute();
	}

	private Observation ourCopy(String sourceId) {
		Bundle found = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(hospital.baseUrl() + "/Observation", sourceId))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		return (Observation) found.getEntryFirstRep().getResource();
	}

	private Observation dayOnePlatelets() {
		List<Observation> platelets = PullTesting.fetchAllFrom(fhir, hospital).stream()
				.filter(o -> o.getSubject().getReference().equals(first.patient()))
				.filter(o -> o.getCode().getCodingFirstRep().getCode().equals("777-3"))
				.filter(o -> o.getEffectiveDateTimeType().getValue().toInstant().equals(T0.plusSeconds(12 * 3600)))
				.toList();
		assertThat(platelets).hasSize(1);
		return platelets.get(0);
	}

	private List<Observation> pendingOf(String patient) {
		// no-cache: HAPI answers a search repeated within a minute from its cache of the first one
		Bundle found = fhir.search().forResource(Observation.class).withTag(TAGS, "pending")
				.where(Observation.SUBJECT.hasId(patient)).count(200)
				.cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
	}

	private void derive(EnrolledSubjects.Subject subject) {
		FhirTestClient.http(port).contentType(FHIR_JSON).body("{\"resourceType\":\"Parameters\"}")
				.post("/ResearchSubject/" + subject.researchSubjectId() + "/$derive-scores").then().statusCode(200);
	}

	/** The SOFA coagulation points of study day 1, or null when the component has no value (or no SOFA is stored). */
	private Integer sofaCoagulationOfDayOne(EnrolledSubjects.Subject subject) {
		Bundle found = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode("http://trialfhir.org/fhir/derived-score",
						subject.researchSubjectId() + "-sofa-1"))
				.returnBundle(Bundle.class).execute();
		if (found.getEntry().isEmpty()) {
			return null;
		}
		Observation sofa = (Observation) found.getEntryFirstRep().getResource();
		return sofa.getComponent().stream()
				.filter(c -> c.getCode().getCoding().stream().anyMatch(code -> code.getCode().equals("sofa-coagulation")))
				.findFirst().filter(c -> c.hasValueIntegerType()).map(c -> c.getValueIntegerType().getValue())
				.orElse(null);
	}

	private AuditEvent decisionAudit(String observationId) {
		Bundle found = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.whereMap(java.util.Map.of("entity-resource", List.of("Observation/" + observationId)))
				.returnBundle(Bundle.class).execute();
		List<AuditEvent> decisions = found.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.filter(e -> e.getSubtype().stream().anyMatch(s -> "$adjudicate".equals(s.getCode())))
				.filter(e -> e.getEntity().stream().anyMatch(en -> en.getDetail().stream()
						.anyMatch(d -> d.getType().equals("decision"))))
				.toList();
		assertThat(decisions).hasSize(1);
		return decisions.get(0);
	}

	private static List<String> adjudicationTags(Observation observation) {
		return observation.getMeta().getTag().stream().filter(t -> TAGS.equals(t.getSystem())).map(Coding::getCode)
				.toList();
	}
}
