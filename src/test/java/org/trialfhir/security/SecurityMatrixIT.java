package org.trialfhir.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.randomization.EnrolmentFixtures;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.EnrolledSubjects.Subject;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerTokenMinter;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Every role × every interaction class → the status its scopes (application.yaml, docs/api.md §6)
 * imply; and tokens that must be refused.
 */
@TrialFhirServerTest
class SecurityMatrixIT {

	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	String patientId;
	String observationId;

	@BeforeEach
	void fixtures() {
		var admin = FhirTestClient.fhir(port);
		patientId = admin.create().resource(TrialFixtures.patient("matrix-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		observationId = admin.create().resource(observation()).execute().getId().toUnqualifiedVersionless().getValue();
	}

	/** Interaction → expected status per role, in the order EHR, RESEARCH, INVESTIGATOR, CLINICIAN, ADMIN, AUDITOR. */
	static Stream<Arguments> matrix() {
		Map<String, int[]> expected = new java.util.LinkedHashMap<>();
		expected.put("read Observation", new int[] {403, 200, 200, 403, 200, 403});
		expected.put("search Observation", new int[] {403, 200, 200, 403, 200, 403});
		expected.put("create Observation", new int[] {201, 403, 403, 403, 201, 403});
		expected.put("update Observation", new int[] {200, 403, 403, 403, 200, 403});
		expected.put("delete Observation", new int[] {403, 403, 403, 403, 200, 403});
		expected.put("read Patient", new int[] {200, 200, 200, 200, 200, 403});
		expected.put("search Patient", new int[] {403, 200, 200, 403, 200, 403});
		expected.put("create Patient", new int[] {403, 403, 403, 201, 201, 403});
		expected.put("update Patient", new int[] {403, 403, 403, 200, 200, 403});
		expected.put("create ResearchStudy", new int[] {403, 403, 403, 403, 201, 403});
		expected.put("transaction of Observations", new int[] {200, 403, 403, 403, 200, 403});
		expected.put("$validate Observation", new int[] {200, 403, 403, 403, 200, 403});
		expected.put("search AuditEvent", new int[] {403, 403, 403, 403, 403, 200});
		expected.put("create AuditEvent", new int[] {403, 403, 403, 403, 403, 403});
		expected.put("Patient with _revinclude Observation", new int[] {403, 200, 200, 403, 200, 403});
		// system history spans AuditEvent too, which only the auditor may read, and the auditor may read nothing else
		expected.put("system history", new int[] {403, 403, 403, 403, 403, 403});
		expected.put("type history of Observation", new int[] {403, 200, 200, 403, 200, 403});
		expected.put("Observation with _include of its Patient", new int[] {403, 200, 200, 403, 200, 403});
		// a custom operation needs its own scope, <user|system>/<Type or *>.$name, whatever else the token may do
		// (docs/api.md §5 and §6, docs/security.md "Scopes → what a request may do"): the investigator has
		// user/ResearchStudy.$analyze, user/ResearchSubject.$derive-scores, user/ResearchStudy.$derive-scores and
		// user/ResearchSubject.$unblind, the clinician user/ResearchStudy.$randomize, the data manager system/*.$x for
		// all five; user/*.rs grants none
		expected.put("$derive-scores on a ResearchSubject", new int[] {403, 403, 200, 403, 200, 403});
		expected.put("$derive-scores on a ResearchStudy", new int[] {403, 403, 200, 403, 200, 403});
		expected.put("$analyze on a ResearchStudy by GET", new int[] {403, 403, 200, 403, 200, 403});
		expected.put("$analyze on a ResearchStudy by POST", new int[] {403, 403, 200, 403, 200, 403});
		expected.put("$pull on the server", new int[] {403, 403, 403, 403, 200, 403});
		expected.put("$pull on a ResearchSubject", new int[] {403, 403, 403, 403, 200, 403});
		expected.put("$randomize on a ResearchStudy", new int[] {403, 403, 403, 200, 200, 403});
		expected.put("$unblind on a ResearchSubject", new int[] {403, 403, 200, 403, 200, 403});
		// $interim: the investigator has user/ResearchStudy.$interim, the data manager system/*.$interim; the shared
		// enrolled study has no group-sequential design, so a call past the scope check is a 422 (docs/interim.md)
		expected.put("$interim on a ResearchStudy by GET", new int[] {403, 403, 422, 403, 422, 403});
		expected.put("$interim on a ResearchStudy by POST", new int[] {403, 403, 422, 403, 422, 403});
		// record=true stores a Basic: only a token that may create Basic (the data manager)
		expected.put("$interim with record=true", new int[] {403, 403, 403, 403, 422, 403});
		// user/ResearchStudy.$completeness and user/ResearchSubject.$completeness: the investigator; system/*.$completeness:
		// the data manager
		expected.put("$completeness on a ResearchStudy", new int[] {403, 403, 200, 403, 200, 403});
		expected.put("$completeness on a ResearchSubject", new int[] {403, 403, 200, 403, 200, 403});
		// the coordinator's user/Observation.$adjudicate and user/ResearchSubject.$adjudicate, the data manager's
		// system/*.$adjudicate: past the scope check, the value (not pulled for adjudication) is not pending, 409
		expected.put("$adjudicate on an Observation", new int[] {403, 403, 403, 403, 409, 403});
		expected.put("$adjudicate on a ResearchSubject", new int[] {403, 403, 403, 403, 409, 403});
		// $pull-status: the data manager's system/*.$pull-status, the coordinator's user/*.$pull-status; user/*.rs and
		// $pull's own scope grant nothing
		expected.put("$pull-status on the server", new int[] {403, 403, 403, 403, 200, 403});
		// HAPI's read operations need r on their type: Patient.r of the EHR feed, Patient.cru of the clinician
		expected.put("$everything on a Patient", new int[] {200, 200, 200, 200, 200, 403});
		List<Arguments> cases = new ArrayList<>();
		TestRole[] roles = {TestRole.EHR, TestRole.RESEARCH, TestRole.INVESTIGATOR, TestRole.CLINICIAN, TestRole.ADMIN,
			TestRole.AUDITOR};
		expected.forEach((interaction, statuses) -> {
			for (int i = 0; i < roles.length; i++) {
				cases.add(Arguments.of(roles[i], interaction, statuses[i]));
			}
		});
		return cases.stream();
	}

	/**
	 * The coordinator (user/*.rs user/Observation.u user/Task.cru, $completeness and $adjudicate on their types) on
	 * every interaction of the matrix: reads, Observation updates ($validate of one too) and its two operations.
	 */
	static Stream<Arguments> coordinator() {
		Map<String, Integer> expected = new java.util.LinkedHashMap<>();
		for (String read : List.of("read Observation", "search Observation", "read Patient", "search Patient",
				"Patient with _revinclude Observation", "type history of Observation",
				"Observation with _include of its Patient", "$everything on a Patient", "update Observation",
				"$validate Observation")) {
			expected.put(read, 200);
		}
		for (String refused : List.of("create Observation", "delete Observation", "create Patient", "update Patient",
				"create ResearchStudy", "transaction of Observations", "search AuditEvent", "create AuditEvent",
				"system history", "$derive-scores on a ResearchSubject", "$derive-scores on a ResearchStudy",
				"$analyze on a ResearchStudy by GET", "$analyze on a ResearchStudy by POST", "$pull on the server",
				"$pull on a ResearchSubject", "$randomize on a ResearchStudy", "$unblind on a ResearchSubject",
				"$interim on a ResearchStudy by GET", "$interim on a ResearchStudy by POST",
				"$interim with record=true")) {
			expected.put(refused, 403);
		}
		expected.put("$adjudicate on an Observation", 409);
		expected.put("$adjudicate on a ResearchSubject", 409);
		expected.put("$completeness on a ResearchStudy", 200);
		expected.put("$completeness on a ResearchSubject", 200);
		expected.put("$pull-status on the server", 200);
		return expected.entrySet().stream().map(e -> Arguments.of(TestRole.COORDINATOR, e.getKey(), e.getValue()));
	}

	@Test
	void theCoordinatorRowsCoverTheWholeMatrix() {
		org.assertj.core.api.Assertions.assertThat(coordinator().map(a -> (String) a.get()[1]).toList())
				.containsExactlyInAnyOrderElementsOf(matrix().map(a -> (String) a.get()[1]).distinct().toList());
	}

	@ParameterizedTest(name = "{0} × {1} → {2}")
	@MethodSource({"matrix", "coordinator"})
	void roleCanDoWhatItsScopesSay(TestRole role, String interaction, int status) {
		var response = request(interaction).apply(FhirTestClient.http(port, role)).then().statusCode(status);
		if (status == 403) {
			response.body("resourceType", equalTo("OperationOutcome"));
		}
	}

	@Test
	void includedResourcesOfTypesTheTokenMayNotReadAreLeftOut() {
		// a token that may search Observations but not read Patients: the _include'd Patient is left out
		var bundle = FhirTestClient.anonymousHttp(port)
				.header("Authorization", "Bearer " + ServerTokenMinter.valid("user/Observation.rs"))
				.get("/Observation?_id=" + observationId.split("/")[1] + "&_include=Observation:subject")
				.then().statusCode(200).extract().jsonPath();
		org.assertj.core.api.Assertions.assertThat(bundle.getList("entry.resource.resourceType", String.class))
				.containsExactly("Observation");
	}

	@Test
	void noTokenIs401WithWwwAuthenticateAndOperationOutcome() {
		FhirTestClient.anonymousHttp(port).get("/Observation")
				.then().statusCode(401)
				.header("WWW-Authenticate", containsString("Bearer"))
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].code", equalTo("login"));
	}

	@Test
	void metadataAndHealthArePublic() {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
		io.restassured.RestAssured.given().port(port).get("/actuator/health").then().statusCode(200);
		io.restassured.RestAssured.given().port(port).get("/.well-known/smart-configuration").then().statusCode(200)
				.body("token_endpoint", containsString("/oauth2/token"))
				.body("token_endpoint_auth_methods_supported", org.hamcrest.Matchers.hasItem("private_key_jwt"));
	}

	@Test
	void prometheusNeedsAToken() {
		io.restassured.RestAssured.given().port(port).get("/actuator/prometheus").then().statusCode(401);
	}

	@ParameterizedTest(name = "{0} → 401")
	@MethodSource("refusedTokens")
	void invalidTokensAre401(String why, String token) {
		FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + token).get("/Observation")
				.then().statusCode(401)
				.header("WWW-Authenticate", containsString("invalid_token"))
				.body("resourceType", equalTo("OperationOutcome"));
	}

	static Stream<Arguments> refusedTokens() {
		Instant inAnHour = Instant.now().plusSeconds(3600);
		String scope = "system/*.cruds";
		return Stream.of(
				Arguments.of("expired", ServerTokenMinter.mint(ServerTokenMinter.ISSUER, ServerTokenMinter.AUDIENCE,
						scope, Instant.now().minusSeconds(600), true)),
				Arguments.of("wrong issuer", ServerTokenMinter.mint("https://evil.example", ServerTokenMinter.AUDIENCE,
						scope, inAnHour, true)),
				Arguments.of("wrong audience", ServerTokenMinter.mint(ServerTokenMinter.ISSUER, "another-api",
						scope, inAnHour, true)),
				Arguments.of("wrong signature", ServerTokenMinter.mint(ServerTokenMinter.ISSUER,
						ServerTokenMinter.AUDIENCE, scope, inAnHour, false)),
				Arguments.of("not a JWT", "abc.def.ghi"));
	}

	@Test
	void aValidTokenWithoutScopesIs403() {
		FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + ServerTokenMinter.valid(null))
				.get("/Observation")
				.then().statusCode(403)
				.body("resourceType", equalTo("OperationOutcome"));
	}

	@Test
	void aMintedTokenWithTheRightScopeWorks() {
		// proves the refusals above are about the altered claim, not the minting
		FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + ServerTokenMinter.valid("user/*.rs"))
				.get("/Observation").then().statusCode(200);
	}

	private Function<RequestSpecification, io.restassured.response.Response> request(String interaction) {
		return switch (interaction) {
			case "read Observation" -> r -> r.get("/" + observationId);
			case "search Observation" -> r -> r.get("/Observation?code=777-3");
			case "create Observation" -> r -> r.contentType(FHIR_JSON).body(json(observation())).post("/Observation");
			case "update Observation" -> r -> {
				Observation update = observation();
				update.setId(observationId);
				return r.contentType(FHIR_JSON).body(json(update)).put("/" + observationId);
			};
			case "delete Observation" -> r -> r.delete("/" + observationId);
			case "read Patient" -> r -> r.get("/" + patientId);
			case "search Patient" -> r -> r.get("/Patient?birthdate=1950-01-01");
			case "create Patient" -> r -> r.contentType(FHIR_JSON)
					.body(json(TrialFixtures.patient("m-" + System.nanoTime(), LocalDate.of(1960, 1, 1)))).post("/Patient");
			case "update Patient" -> r -> {
				var patient = TrialFixtures.patient("m-upd-" + System.nanoTime(), LocalDate.of(1950, 1, 1));
				patient.setId(patientId);
				return r.contentType(FHIR_JSON).body(json(patient)).put("/" + patientId);
			};
			case "create ResearchStudy" -> r -> r.contentType(FHIR_JSON).body(json(TrialFixtures.study("matrix")))
					.post("/ResearchStudy");
			case "transaction of Observations" -> r -> {
				Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
				bundle.addEntry().setResource(observation()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
				return r.contentType(FHIR_JSON).body(json(bundle)).post("/");
			};
			case "$validate Observation" -> r -> r.contentType(FHIR_JSON).body(json(observation()))
					.post("/Observation/$validate");
			case "search AuditEvent" -> r -> r.get("/AuditEvent?_count=1");
			case "create AuditEvent" -> r -> {
				AuditEvent event = new AuditEvent();
				event.getType().setCode("rest");
				event.setRecorded(new java.util.Date());
				event.addAgent().setRequestor(true);
				event.getSource().getObserver().setDisplay("forged");
				return r.contentType(FHIR_JSON).body(json(event)).post("/AuditEvent");
			};
			case "Patient with _revinclude Observation" -> r -> r.get("/Patient?_id=" + patientId.split("/")[1]
					+ "&_revinclude=Observation:subject");
			case "system history" -> r -> r.get("/_history?_count=1");
			case "type history of Observation" -> r -> r.get("/Observation/_history?_count=1");
			case "Observation with _include of its Patient" -> r -> r.get("/Observation?_id=" + observationId.split("/")[1]
					+ "&_include=Observation:subject");
			// each call on fixtures of its own: no role's call meets what another role's call did (a subject randomized)
			case "$derive-scores on a ResearchSubject" -> r -> operation(r, "/" + enrolled().researchSubject(),
					"$derive-scores", new Parameters());
			case "$derive-scores on a ResearchStudy" -> r -> operation(r, "/" + enrolled().study(), "$derive-scores",
					new Parameters());
			case "$analyze on a ResearchStudy by GET" -> r -> r.get("/" + enrolled().study() + "/$analyze");
			case "$analyze on a ResearchStudy by POST" -> r -> operation(r, "/" + enrolled().study(), "$analyze",
					new Parameters());
			case "$interim on a ResearchStudy by GET" -> r -> r.get("/" + enrolled().study() + "/$interim");
			case "$interim on a ResearchStudy by POST" -> r -> operation(r, "/" + enrolled().study(), "$interim",
					new Parameters());
			case "$interim with record=true" -> r -> operation(r, "/" + enrolled().study(), "$interim",
					new Parameters().addParameter("record", new org.hl7.fhir.r4.model.BooleanType(true)));
			case "$pull on the server" -> r -> operation(r, "", "$pull", new Parameters());
			case "$pull on a ResearchSubject" -> r -> operation(r, "/" + enrolled().researchSubject(), "$pull",
					new Parameters());
			case "$pull-status on the server" -> r -> r.get("/$pull-status");
			case "$randomize on a ResearchStudy" -> r -> {
				EnrolmentFixtures trial = new EnrolmentFixtures(port, FhirTestClient.fhir(port));
				return EnrolmentFixtures.randomize(r, trial.study(false), trial.candidate());
			};
			case "$unblind on a ResearchSubject" -> r -> {
				Parameters reason = new Parameters();
				reason.addParameter().setName("reason").setValue(new StringType("security matrix: who may unblind"));
				return operation(r, "/" + enrolled().researchSubject(), "$unblind", reason);
			};
			case "$everything on a Patient" -> r -> r.get("/" + patientId + "/$everything");
			case "$completeness on a ResearchStudy" -> r -> r.get("/" + enrolled().study() + "/$completeness?day=1");
			case "$completeness on a ResearchSubject" -> r -> r.get("/" + enrolled().researchSubject()
					+ "/$completeness?day=1");
			case "$adjudicate on an Observation" -> r -> operation(r, "/" + observationId, "$adjudicate", accept());
			case "$adjudicate on a ResearchSubject" -> r -> {
				Subject subject = enrolled();
				String value = FhirTestClient.fhir(port).create().resource(TrialFixtures.lab(subject.patient(), "777-3",
						120, "10*9/L", subject.t0().plusSeconds(3600))).execute().getId().toUnqualifiedVersionless()
						.getValue();
				Parameters decision = accept();
				decision.addParameter().setName("observation").setValue(new org.hl7.fhir.r4.model.Reference(value));
				return operation(r, "/" + subject.researchSubject(), "$adjudicate", decision);
			};
			default -> throw new IllegalArgumentException(interaction);
		};
	}

	private static Parameters accept() {
		Parameters decision = new Parameters();
		decision.addParameter().setName("decision").setValue(new org.hl7.fhir.r4.model.CodeType("accept"));
		return decision;
	}

	private static io.restassured.response.Response operation(RequestSpecification request, String on, String name,
			Parameters parameters) {
		return request.contentType(FHIR_JSON).body(json(parameters)).post(on + "/" + name);
	}

	/** A subject with its arm and T0 in a study of its own (two arms, open-label). */
	private Subject enrolled() {
		return EnrolledSubjects.on(FhirTestClient.fhir(port)).enrol();
	}

	private Observation observation() {
		return TrialFixtures.lab(patientId, "777-3", 120, "10*9/L", Instant.parse("2026-03-01T10:00:00Z"));
	}

	private static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return FhirTestClient.json(resource);
	}
}
