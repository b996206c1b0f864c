package org.trialfhir.server;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/** Each kind of bad input gets a 4xx with an OperationOutcome saying what and where, and the server stays up. */
@TrialFhirServerTest
class BadInputIT {

	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@AfterEach
	void serverStillAnswers() {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
	}

	@Test
	void malformedJsonNamesLineAndColumn() {
		FhirTestClient.http(port).contentType(FHIR_JSON).body("{\"resourceType\":\"Patient\",\n \"active\": tru }")
				.post("/Patient")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("line: 2"));
	}

	@Test
	void malformedXml() {
		FhirTestClient.http(port).contentType("application/fhir+xml").accept(FHIR_JSON)
				.body("<Patient xmlns=\"http://hl7.org/fhir\"><active value=\"true\"></Patient>")
				.post("/Patient")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("XML"));
	}

	@Test
	void unknownResourceType() {
		FhirTestClient.http(port).accept(FHIR_JSON).get("/Foo")
				.then().statusCode(404)
				.body("issue[0].diagnostics", containsString("Unknown resource type 'Foo'"));
	}

	@Test
	void wrongContentType() {
		FhirTestClient.http(port).contentType(ContentType.TEXT).body("hello").post("/Patient")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("Content-Type"));
	}

	@Test
	void resourceOfTheWrongTypeForTheUrl() {
		FhirTestClient.http(port).contentType(FHIR_JSON)
				.body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")
				.post("/Patient")
				.then().statusCode(400)
				.body("issue[0].diagnostics", containsString("expected \"Patient\" but found \"Observation\""));
	}

	@Test
	void referenceToAMissingResource() {
		FhirTestClient.http(port).contentType(FHIR_JSON)
				.body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
						+ "\"subject\":{\"reference\":\"Patient/nobody\"}}")
				.post("/Observation")
				.then().statusCode(400)
				.body("issue[0].diagnostics", containsString("Patient/nobody"))
				.body("issue[0].diagnostics", containsString("Observation.subject"));
	}

	@Test
	void bodyOverTheLimitIsRefusedWith413() {
		// the test profile sets trialfhir.server.max-request-size to 1MB
		FhirTestClient.http(port).contentType(FHIR_JSON).body(patientWithText(1_200_000)).post("/Patient")
				.then().statusCode(413)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].code", equalTo("too-costly"))
				.body("issue[0].diagnostics", containsString("max-request-size"));
	}

	@Test
	void chunkedBodyOverTheLimitIsRefusedWith413() {
		InputStream chunked = new ByteArrayInputStream(patientWithText(1_200_000).getBytes(StandardCharsets.UTF_8));
		FhirTestClient.http(port).contentType(FHIR_JSON).body(chunked).post("/Patient")
				.then().statusCode(413);
	}

	@Test
	void chunkedBodyUnderTheLimitIsAccepted() {
		InputStream chunked = new ByteArrayInputStream(patientWithText(1000).getBytes(StandardCharsets.UTF_8));
		FhirTestClient.http(port).contentType(FHIR_JSON).body(chunked).post("/Patient")
				.then().statusCode(201);
	}

	private static String patientWithText(int chars) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + "x".repeat(chars) + "\"}]}";
	}
}
