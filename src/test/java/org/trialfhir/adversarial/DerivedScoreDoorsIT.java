package org.trialfhir.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Derived scores are the server's: no client — the EHR feed with {@code Observation.cu}, nor the data manager with
 * every scope — overwrites, deletes, re-tags or forges one, through any door. After each attempt the stored score is
 * still version 1 with its value, and no client-written score exists.
 */
@TrialFhirServerTest
class DerivedScoreDoorsIT {

	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@Autowired
	DaoRegistry daos;

	private String patient;
	private String id;
	private String key;

	@BeforeEach
	void aScoreTheServerDerived() {
		patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("forge-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		key = "subject-" + UUID.randomUUID() + "-sofa-1";
		id = ServerSide.create(daos, sofa(patient, key, 7)).getIdPart();
	}

	record Attempt(TestRole role, String name, Function<DerivedScoreDoorsIT, Response> send) {
		@Override
		public String toString() {
			return role + ": " + name;
		}
	}

	static Stream<Attempt> attempts() {
		Stream<Attempt> writesOfBoth = Stream.of(TestRole.EHR, TestRole.ADMIN).flatMap(role -> Stream.of(
				new Attempt(role, "PUT over the derived id", t -> t.request(role).contentType(FHIR_JSON)
						.body(json(t.forged(t.key, t.id))).put("/Observation/" + t.id)),
				new Attempt(role, "POST with the derived identifier (keyed push)", t -> t.request(role)
						.contentType(FHIR_JSON).body(json(t.forged(t.key, null))).post("/Observation")),
				new Attempt(role, "POST of a new score (derived-score profile, no identifier)", t -> t.request(role)
						.contentType(FHIR_JSON).body(json(t.forged(null, null))).post("/Observation")),
				new Attempt(role, "conditional PUT by the derived identifier", t -> t.request(role).contentType(FHIR_JSON)
						.body(json(t.forged(t.key, null)))
						.put("/Observation?identifier=" + TrialCanonicals.SID_DERIVED_SCORE + "|" + t.key)),
				new Attempt(role, "transaction PUT /Observation/id", t -> t.request(role).contentType(FHIR_JSON)
						.body(transaction("PUT", "/Observation/" + t.id, json(t.forged(t.key, t.id)))).post("/")),
				new Attempt(role, "transaction POST of a score", t -> t.request(role).contentType(FHIR_JSON)
						.body(transaction("POST", "Observation", json(t.forged(null, null)))).post("/"))));
		Stream<Attempt> administratorOnly = Stream.of(
				new Attempt(TestRole.ADMIN, "DELETE", t -> t.request(TestRole.ADMIN).delete("/Observation/" + t.id)),
				new Attempt(TestRole.ADMIN, "JSON PATCH", t -> t.request(TestRole.ADMIN)
						.contentType("application/json-patch+json")
						.body("[{\"op\":\"replace\",\"path\":\"/valueInteger\",\"value\":0}]")
						.patch("/Observation/" + t.id)),
				new Attempt(TestRole.ADMIN, "$meta-add", t -> t.request(TestRole.ADMIN).contentType(FHIR_JSON)
						.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"meta\",\"valueMeta\":"
								+ "{\"tag\":[{\"system\":\"http://example.org/tags\",\"code\":\"x\"}]}}]}")
						.post("/Observation/" + t.id + "/$meta-add")));
		return Stream.concat(writesOfBoth, administratorOnly);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attempts")
	void noClientWritesADerivedScore(Attempt attempt) {
		Response response = attempt.send().apply(this);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		FhirTestClient.http(port, TestRole.ADMIN).get("/Observation/" + id).then().statusCode(200)
				.body("meta.versionId", equalTo("1")).body("valueInteger", equalTo(7));
		FhirTestClient.http(port, TestRole.ADMIN).get("/Observation?subject=" + patient).then().statusCode(200)
				.body("total", equalTo(1));
	}

	private RequestSpecification request(TestRole role) {
		return FhirTestClient.http(port, role);
	}

	/** A SOFA score of day 1 as $derive-scores writes it, optionally with its identifier key and id. */
	private Observation forged(String identifierKey, String resourceId) {
		Observation forged = sofa(patient, identifierKey, 0);
		if (resourceId != null) {
			forged.setId(resourceId);
		}
		return forged;
	}

	private static Observation sofa(String patient, String identifierKey, int value) {
		Instant t0 = Instant.parse("2026-05-01T06:00:00Z");
		Observation o = new Observation();
		o.getMeta().addProfile(TrialCanonicals.TRIAL_DERIVED_SCORE);
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/study-day", new IntegerType(1));
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/algorithm-version",
				new StringType("test"));
		if (identifierKey != null) {
			o.addIdentifier(new Identifier().setSystem(TrialCanonicals.SID_DERIVED_SCORE).setValue(identifierKey));
		}
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(new CodeableConcept(new Coding(TrialCanonicals.CS_TRIAL_SCORE, "sofa", null)));
		o.setSubject(new Reference(patient));
		o.setEffective(new Period().setStart(Date.from(t0)).setEnd(Date.from(t0.plusSeconds(86_400))));
		o.setValue(new IntegerType(value));
		o.addComponent().setCode(new CodeableConcept(new Coding(TrialCanonicals.CS_TRIAL_SCORE, "sofa-renal", null)))
				.setValue(new IntegerType(0));
		return o;
	}

	private static String json(Observation observation) {
		return FhirTestClient.json(observation);
	}

	private static String transaction(String method, String url, String resource) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"" + method
				+ "\",\"url\":\"" + url + "\"},\"resource\":" + resource + "}]}";
	}
}
