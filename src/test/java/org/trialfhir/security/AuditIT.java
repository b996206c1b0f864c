package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
@ExtendWith(OutputCaptureExtension.class)
class AuditIT {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void aReadIsAuditedWithWhoWhatWhenOutcomeAndSource() throws Exception {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("audit-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		Instant before = Instant.now();
		FhirTestClient.http(port, TestRole.RESEARCH).get("/" + patient).then().statusCode(200);

		AuditEvent event = awaitAudit(patient, "research-demo");
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(event.getRecorded().toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
	}

	@Test
	void theAuditorsSearchesFindARequestsEvent() throws Exception {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("audit-search-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		FhirTestClient.http(port, TestRole.RESEARCH).get("/" + patient).then().statusCode(200);
		AuditEvent event = awaitAudit(patient, "research-demo");
		Instant recorded = event.getRecorded().toInstant();
		String address = event.getAgentFirstRep().getNetwork().getAddress();
		// every parameter an auditor filters by stays indexed after the retirement of the others (docs/search.md)
		Map<String, Integer> found = new LinkedHashMap<>();
		for (String kept : List.of("entity-resource=" + patient, "subtype=http://hl7.org/fhir/restful-interaction|read",
				"type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest", "action=R", "outcome=0",
				"entity-type=http://hl7.org/fhir/resource-types|Patient", "address=" + address,
				"date=ge" + recorded.minusSeconds(60) + "&date=le" + recorded.plusSeconds(60), "action=C")) {
			found.put(kept.replaceAll("=.*", "") + (kept.equals("action=C") ? " C" : ""),
					FhirTestClient.http(port, TestRole.AUDITOR).get("/AuditEvent?_id=" + event.getIdElement().getIdPart()
							+ "&" + kept).then().statusCode(200).extract().path("total"));
		}
		assertThat(found).containsExactly(entry("entity-resource", 1), entry("subtype", 1), entry("type", 1),
				entry("action", 1), entry("outcome", 1), entry("entity-type", 1), entry("address", 1), entry("date", 1),
				entry("action C", 0));
	}

	@Test
	void aKeyedPushIsFoundByTheObservationItCreatedAndByTheOneItUpdated() throws Exception {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("audit-keyed-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		Observation pushed = TrialFixtures.lab(patient, "777-3", 12, "10*4/uL",
				Instant.parse("2026-03-01T10:00:00Z"));
		pushed.addIdentifier().setSystem("http://hospital-a.example/lab-result").setValue("audit-" + System.nanoTime());
		String body = FhirTestClient.json(pushed);
		// a keyed POST is written as a conditional update: created the first time, found and updated the second
		String created = FhirTestClient.http(port).contentType("application/fhir+json").body(body).post("/Observation")
				.then().statusCode(201).extract().path("id");
		FhirTestClient.http(port).contentType("application/fhir+json")
				.body(body.replace("\"value\":12", "\"value\":13")).post("/Observation").then().statusCode(200);

		String observation = "Observation/" + created;
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
				FhirTestClient.http(port, TestRole.AUDITOR).get("/AuditEvent?entity-resource=" + observation).then()
						.statusCode(200).extract()
						.<Integer>path("total"))
				.isEqualTo(2));
	}

	@Test
	void aRefusedRequestIsAuditedAsAFailure() throws Exception {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("audit-refused-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		FhirTestClient.http(port, TestRole.AUDITOR).get("/" + patient).then().statusCode(403);
		AuditEvent event = awaitAudit(patient, "auditor-demo");
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 403");
	}

	@Test
	void auditEventsCannotBeUpdatedOrDeletedEvenByTheAuditorOrTheAdministrator() throws Exception {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("audit-immutable-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		AuditEvent event = awaitAudit(patient, "admin-demo");
		String id = event.getIdElement().toUnqualifiedVersionless().getValue();
		for (TestRole role : List.of(TestRole.AUDITOR, TestRole.ADMIN)) {
			FhirTestClient.http(port, role).delete("/" + id).then().statusCode(403);
			FhirTestClient.http(port, role).contentType("application/fhir+json")
					.body(FhirTestClient.json(event.setOutcomeDesc("tampered"))).put("/" + id).then().statusCode(403);
		}
	}

	@Test
	void tokensAndSecretsNeverReachTheLogs(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		try {
			logging.setLogLevel("org.springframework.security", LogLevel.TRACE);
			logging.setLogLevel("ca.uhn.fhir", LogLevel.DEBUG);
			logging.setLogLevel("org.trialfhir", LogLevel.TRACE);
			String token = Tokens.fetch(port, TestRole.RESEARCH.clientId, TestRole.RESEARCH.secret(), null);
			FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + token).get("/Patient?_count=1")
					.then().statusCode(200);
			FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + token + "x").get("/Patient")
					.then().statusCode(401);
			assertThat(output.getAll()).doesNotContain(token).doesNotContain(TestRole.RESEARCH.secret())
					.doesNotContain("Bearer ey");
		} finally {
			logging.setLogLevel("org.springframework.security", null);
			logging.setLogLevel("ca.uhn.fhir", null);
			logging.setLogLevel("org.trialfhir", null);
		}
	}

	private AuditEvent awaitAudit(String entity, String clientId) {
		IGenericClient auditor = FhirTestClient.fhir(port, TestRole.AUDITOR);
		// the outbox is drained in the background; earlier test classes may have left a backlog
		try {
			return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
					.until(() -> auditor.search().forResource(AuditEvent.class)
							.where(new TokenClientParam("entity-resource").exactly().code(entity))
							.returnBundle(Bundle.class).execute().getEntry().stream()
							.map(entry -> (AuditEvent) entry.getResource())
							.filter(event -> clientId.equals(event.getAgentFirstRep().getWho().getIdentifier().getValue()))
							.findFirst(), Optional::isPresent)
					.orElseThrow();
		} catch (ConditionTimeoutException e) {
			throw new AssertionError("no AuditEvent for " + entity + " by " + clientId + "; outbox rows pending: "
					+ jdbc.queryForObject("SELECT count(*) FROM trialfhir_audit_outbox WHERE failed_at IS NULL", Long.class)
					+ ", set aside: "
					+ jdbc.queryForObject("SELECT count(*) FROM trialfhir_audit_outbox WHERE failed_at IS NOT NULL",
							Long.class),
					e);
		}
	}
}
