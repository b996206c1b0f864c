package org.trialfhir.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Every door HAPI opens to an AuditEvent, tried with the data manager's token (every scope there is): none changes,
 * re-tags or deletes it, and none forges a new one. After each attempt the event is still version 1, untouched.
 */
@TrialFhirServerTest
class AuditTrailDoorsIT {

	static final String FHIR_JSON = "application/fhir+json";
	/** The agent name of every AuditEvent this test tries to write. */
	static final String FORGER = "forger-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	@Autowired
	DaoRegistry daos;

	private String id;

	@BeforeEach
	void anAuditEventTheServerWrote() {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", null));
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setOutcomeDesc("original");
		event.addAgent().setRequestor(true).getWho().setDisplay("test");
		event.getSource().getObserver().setDisplay("TrialFHIR");
		id = ServerSide.create(daos, event).getIdPart();
	}

	/** A way to reach AuditEvent/{id}, as a function of the id, the port and the request. */
	record Door(String name, Function<DoorContext, Response> attempt) {
		@Override
		public String toString() {
			return name;
		}
	}

	record DoorContext(String id, int port, RequestSpecification request) {}

	static Stream<Door> writeDoors() {
		return Stream.of(
				new Door("DELETE", c -> c.request().delete("/AuditEvent/" + c.id())),
				new Door("PUT", c -> c.request().contentType(FHIR_JSON).body(tampered(c.id())).put("/AuditEvent/" + c.id())),
				new Door("conditional DELETE", c -> c.request().delete("/AuditEvent?_id=" + c.id())),
				new Door("conditional PUT", c -> c.request().contentType(FHIR_JSON).body(tampered(c.id()))
						.put("/AuditEvent?_id=" + c.id())),
				new Door("JSON PATCH", c -> c.request().contentType("application/json-patch+json")
						.body("[{\"op\":\"replace\",\"path\":\"/outcomeDesc\",\"value\":\"tampered\"}]")
						.patch("/AuditEvent/" + c.id())),
				new Door("$meta-add", c -> c.request().contentType(FHIR_JSON).body(metaTag())
						.post("/AuditEvent/" + c.id() + "/$meta-add")),
				new Door("$meta-add on a version", c -> c.request().contentType(FHIR_JSON).body(metaTag())
						.post("/AuditEvent/" + c.id() + "/_history/1/$meta-add")),
				new Door("$meta-delete", c -> c.request().contentType(FHIR_JSON).body(metaTag())
						.post("/AuditEvent/" + c.id() + "/$meta-delete")),
				new Door("transaction DELETE AuditEvent/id", c -> bundle(c, "transaction", "DELETE", "AuditEvent/" + c.id(), null)),
				new Door("transaction DELETE /AuditEvent/id", c -> bundle(c, "transaction", "DELETE", "/AuditEvent/" + c.id(), null)),
				new Door("transaction DELETE on this server's absolute URL", c -> bundle(c, "transaction", "DELETE",
						FhirTestClient.base(c.port()) + "/AuditEvent/" + c.id(), null)),
				new Door("batch DELETE /AuditEvent/id", c -> bundle(c, "batch", "DELETE", "/AuditEvent/" + c.id(), null)),
				new Door("transaction conditional DELETE", c -> bundle(c, "transaction", "DELETE", "/AuditEvent?_id=" + c.id(), null)),
				new Door("transaction PUT /AuditEvent/id", c -> bundle(c, "transaction", "PUT", "/AuditEvent/" + c.id(),
						tampered(c.id()))),
				new Door("batch PUT AuditEvent/id", c -> bundle(c, "batch", "PUT", "AuditEvent/" + c.id(), tampered(c.id()))),
				new Door("transaction POST of a forged AuditEvent", c -> bundle(c, "transaction", "POST", "AuditEvent",
						tampered(null))),
				new Door("POST of a forged AuditEvent", c -> c.request().contentType(FHIR_JSON).body(tampered(null))
						.post("/AuditEvent")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("writeDoors")
	void noDoorChangesOrForgesAnAuditEvent(Door door) {
		Response response = door.attempt().apply(new DoorContext(id, port, FhirTestClient.http(port, TestRole.ADMIN)));
		int status = response.statusCode();
		if (status == 200) {
			// a batch answers 200 with each entry's own outcome
			assertThat(response.jsonPath().getString("entry[0].response.status")).startsWith("403");
		} else {
			assertThat(status).as(response.asString()).isIn(400, 403);
			assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		}
		FhirTestClient.http(port, TestRole.AUDITOR).get("/AuditEvent/" + id).then().statusCode(200)
				.body("meta.versionId", equalTo("1"))
				.body("outcomeDesc", equalTo("original"))
				.body("meta.tag", nullValue());
		assertThat(forgedEvents()).as("AuditEvents written by the forger").isZero();
	}

	@Test
	void anEntryWhoseUrlNamesAnotherTypeThanItsResourceIsRefused() {
		Response response = bundle(new DoorContext(id, port, FhirTestClient.http(port, TestRole.ADMIN)), "transaction",
				"PUT", "Patient/" + id, tampered(id));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.jsonPath().getString("issue[0].diagnostics"))
				.contains("Bundle.entry[0].request.url").contains("AuditEvent");
	}

	@Test
	void anEntryOnAnotherServersBaseIsRefused() {
		Response response = bundle(new DoorContext(id, port, FhirTestClient.http(port, TestRole.ADMIN)), "transaction",
				"DELETE", "http://elsewhere.example/fhir/AuditEvent/" + id, null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.jsonPath().getString("issue[0].diagnostics")).contains("Bundle.entry[0].request.url");
	}

	private int forgedEvents() {
		SearchParameterMap byForger = SearchParameterMap.newSynchronous("agent-name", new StringParam(FORGER, true));
		return daos.getResourceDao(AuditEvent.class).search(byForger, new SystemRequestDetails()).size();
	}

	private static Response bundle(DoorContext c, String type, String method, String url, String resource) {
		String entry = "{\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"}"
				+ (resource == null ? "" : ",\"resource\":" + resource) + "}";
		return c.request().contentType(FHIR_JSON)
				.body("{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + entry + "]}").post("/");
	}

	private static String tampered(String id) {
		return "{\"resourceType\":\"AuditEvent\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
				+ ",\"type\":{\"system\":\"http://terminology.hl7.org/CodeSystem/audit-event-type\",\"code\":\"rest\"},"
				+ "\"recorded\":\"2026-01-01T00:00:00Z\",\"outcome\":\"0\",\"outcomeDesc\":\"tampered\","
				+ "\"agent\":[{\"requestor\":true,\"name\":\"" + FORGER + "\"}],"
				+ "\"source\":{\"observer\":{\"display\":\"forger\"}}}";
	}

	private static String metaTag() {
		return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"meta\",\"valueMeta\":{\"tag\":"
				+ "[{\"system\":\"http://example.org/tags\",\"code\":\"tampered\"}]}}]}";
	}
}
