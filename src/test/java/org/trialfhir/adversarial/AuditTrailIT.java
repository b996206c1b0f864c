package org.trialfhir.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * The audit trail is fail-closed and exact: a request whose record cannot be written is answered 500, a write whose
 * receipt cannot be written does not happen, each request is one AuditEvent (a bundle with one entity per entry), and
 * the token endpoint, the allocation export and the metrics are audited like FHIR requests.
 */
@TrialFhirServerTest
class AuditTrailIT {

	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DaoRegistry daos;

	@Test
	void aReadWhoseRecordCannotBeWrittenIsAnswered500() {
		String id = "unauditable-" + UUID.randomUUID().toString().substring(0, 20);
		withOutboxRefusing("request", "Patient/" + id, () -> {
			Response response = FhirTestClient.http(port, TestRole.RESEARCH).get("/Patient/" + id);
			assertThat(response.statusCode()).as("instead of 404").isEqualTo(500);
			assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
			assertThat(response.asString()).contains("audit trail");
		});
		FhirTestClient.http(port, TestRole.RESEARCH).get("/Patient/" + id).then().statusCode(404);
	}

	@Test
	void aWriteWhoseReceiptCannotBeWrittenIsNotStored() {
		String id = "unauditable-" + UUID.randomUUID().toString().substring(0, 20);
		withOutboxRefusing("receipt", "Patient/" + id, () -> {
			Response response = putPatient(id);
			assertThat(response.statusCode()).as(response.asString()).isEqualTo(500);
		});
		FhirTestClient.http(port).get("/Patient/" + id).then().statusCode(404);
	}

	@Test
	void aWriteWhoseRequestRecordFailedIsStillAuditedByItsReceipt() {
		String id = "receipt-only-" + UUID.randomUUID().toString().substring(0, 20);
		withOutboxRefusing("request", "Patient/" + id, () -> {
			Response response = putPatient(id);
			assertThat(response.statusCode()).as("the write committed, its answer is withheld").isEqualTo(500);
		});
		FhirTestClient.http(port).get("/Patient/" + id).then().statusCode(200);
		AuditEvent receipt = Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> auditsOf("Patient/" + id)
				.stream().filter(e -> e.getOutcomeDesc().contains("request's own record is missing")).findFirst(),
				Optional::isPresent).orElseThrow();
		assertThat(receipt.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("admin-demo");
		assertThat(receipt.getEntityFirstRep().getDescription()).isEqualTo("C Patient/" + id + "/_history/1");
	}

	private Response putPatient(String id) {
		return FhirTestClient.http(port).contentType(FHIR_JSON)
				.body(FhirTestClient.json(TrialFixtures.patient(id, LocalDate.of(1950, 1, 1)).setId(id)))
				.put("/Patient/" + id);
	}

	@Test
	void aBatchIsOneAuditEventWithAnEntityPerEntry() {
		String patient = FhirTestClient.fhir(port).create().resource(TrialFixtures.patient("batch-audit-"
				+ UUID.randomUUID(), LocalDate.of(1950, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
		String newPatient = FhirTestClient.json(TrialFixtures.patient("batch-audit-new-" + UUID.randomUUID(),
				LocalDate.of(1960, 1, 1)));
		String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
				+ "{\"request\":{\"method\":\"GET\",\"url\":\"" + patient + "\"}},"
				+ "{\"request\":{\"method\":\"POST\",\"url\":\"Patient\"},\"resource\":" + newPatient + "},"
				+ "{\"request\":{\"method\":\"GET\",\"url\":\"Patient?_id=" + patient.split("/")[1] + "\"}}]}";
		Response response = FhirTestClient.http(port).contentType(FHIR_JSON).body(bundle).post("/");
		assertThat(response.statusCode()).isEqualTo(200);
		String createdLocation = response.jsonPath().getString("entry[1].response.location");
		String created = createdLocation.substring(0, createdLocation.indexOf("/_history"));

		AuditEvent event = awaitAuditOf(created);
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("batch");
		List<AuditEvent.AuditEventEntityComponent> entries = event.getEntity().stream()
				.filter(e -> e.getName() != null && e.getName().startsWith("Bundle.entry[")).toList();
		assertThat(entries).extracting(AuditEvent.AuditEventEntityComponent::getDescription)
				.containsExactly("GET " + patient, "POST Patient", "GET Patient?_id=" + patient.split("/")[1]);
		assertThat(entries.get(1).getWhat().getIdentifier().getValue()).isEqualTo(created);
		assertThat(entries.get(0).getWhat().getIdentifier().getValue()).isEqualTo(patient);
		assertThat(auditsOf(created)).as("one AuditEvent for the request").hasSize(1);
	}

	@Test
	void tokenIssuanceAndRefusalAreAudited() {
		String issued = RestAssured.given().port(port).auth().preemptive().basic("auditor-demo", "auditor-demo-secret")
				.formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200)
				.extract().asString();
		RestAssured.given().port(port).auth().preemptive().basic("auditor-demo", "wrong-secret")
				.formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(401);
		Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			List<AuditEvent> tokens = auditsBySubtype("token").stream().filter(e -> "auditor-demo"
					.equals(e.getAgentFirstRep().getWho().getIdentifier().getValue())).toList();
			assertThat(tokens).extracting(AuditEvent::getOutcomeDesc).contains("HTTP 200", "HTTP 401");
			assertThat(tokens).allSatisfy(e -> assertThat(FhirTestClient.json(e))
					.doesNotContain("wrong-secret").doesNotContain("auditor-demo-secret"));
		});
		assertThat(issued).contains("access_token");
	}

	@Test
	void metricsAreAudited() {
		String token = Tokens.of(port, TestRole.ADMIN);
		long before = auditsBySubtype("prometheus").size();
		RestAssured.given().port(port).header("Authorization", "Bearer " + token).get("/actuator/prometheus")
				.then().statusCode(200);
		Awaitility.await().atMost(Duration.ofSeconds(120))
				.until(() -> auditsBySubtype("prometheus").size() > before);
	}

	@Test
	void anAuditEventIsStoredOnlyTogetherWithTheRemovalOfItsOutboxRow() {
		String id = "undeletable-" + UUID.randomUUID().toString().substring(0, 20);
		String function = "audit_test_keeps_" + id.replace('-', '_');
		// the row of this request cannot leave the outbox: its publication fails, and the row is set aside
		jdbc.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF position('"
				+ id + "' in OLD.event_json) > 0 THEN RAISE EXCEPTION 'kept by the test'; END IF; RETURN OLD; END $$");
		jdbc.execute("CREATE TRIGGER " + function + " BEFORE DELETE ON trialfhir_audit_outbox FOR EACH ROW EXECUTE "
				+ "FUNCTION " + function + "()");
		Long row = null;
		try {
			FhirTestClient.http(port, TestRole.RESEARCH).get("/Patient/" + id).then().statusCode(404);
			row = Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.query(
					"SELECT id FROM trialfhir_audit_outbox WHERE failed_at IS NOT NULL AND position(? in event_json) > 0",
					(rs, n) -> rs.getLong(1), id).stream().findFirst(), Optional::isPresent).get();
			assertThat(auditsOf("Patient/" + id)).as("an AuditEvent stored while its row stays to be published again")
					.isEmpty();
		} finally {
			jdbc.execute("DROP TRIGGER " + function + " ON trialfhir_audit_outbox");
			jdbc.execute("DROP FUNCTION " + function + "()");
			if (row != null) { // published once the outbox lets it go: the trail is complete again
				jdbc.update("UPDATE trialfhir_audit_outbox SET failed_at = NULL, failure = NULL, claimed_until = NULL "
						+ "WHERE id = ?", row);
			}
		}
		assertThat(awaitAuditOf("Patient/" + id).getIdElement().getIdPart()).isEqualTo("audit-" + row);
		assertThat(auditsOf("Patient/" + id)).hasSize(1);
	}

	/** Makes the outbox refuse rows of one kind that contain the marker, for the duration of the action. */
	private void withOutboxRefusing(String kind, String marker, Runnable action) {
		String constraint = "audit_test_refuses_" + Math.abs(marker.hashCode());
		jdbc.execute("ALTER TABLE trialfhir_audit_outbox ADD CONSTRAINT " + constraint + " CHECK (kind <> '" + kind
				+ "' OR position('" + marker + "' in event_json) = 0) NOT VALID");
		try {
			action.run();
		} finally {
			jdbc.execute("ALTER TABLE trialfhir_audit_outbox DROP CONSTRAINT " + constraint);
		}
	}

	private AuditEvent awaitAuditOf(String resource) {
		return Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> auditsOf(resource), list -> !list.isEmpty())
				.get(0);
	}

	private List<AuditEvent> auditsOf(String resource) {
		return search(SearchParameterMap.newSynchronous("entity-resource", new TokenParam(resource)));
	}

	private List<AuditEvent> auditsBySubtype(String subtype) {
		return search(SearchParameterMap.newSynchronous("subtype", new TokenParam(subtype)));
	}

	private List<AuditEvent> search(SearchParameterMap search) {
		return daos.getResourceDao(AuditEvent.class).search(search, new SystemRequestDetails()).getAllResources()
				.stream().map(AuditEvent.class::cast).toList();
	}
}
