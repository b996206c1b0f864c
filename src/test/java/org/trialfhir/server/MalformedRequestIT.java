package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.RawHttp;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Requests so malformed that Tomcat or Spring Security refuse them before HAPI sees them still get an
 * OperationOutcome (never an HTML page or Spring's error JSON); sent over a raw socket since HTTP clients refuse to.
 */
@TrialFhirServerTest
class MalformedRequestIT {

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@AfterEach
	void serverStillAnswers() {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', value = {
		// Tomcat's connector: an encoded slash, an encoded NUL, a control character in the path, a bad version
		"GET /fhir/Patient%2F1 HTTP/1.1        | 400",
		"GET /fhir/Patient%00 HTTP/1.1         | 400",
		"GET /fhir/Pa\u0001tient HTTP/1.1      | 400",
		"GET /fhir/metadata HTTP/3.7           | 505",
		"TRACE /fhir/metadata HTTP/1.1         | 405",
		// Spring Security's firewall: a path parameter, an encoded dot segment
		"GET /fhir/Patient;x=1 HTTP/1.1        | 400",
		"GET /fhir/Patient/%2e%2e/x HTTP/1.1   | 400",
	})
	void containerRefusalIsAnOperationOutcome(String requestLine, int status) throws IOException {
		RawHttp.Response response = RawHttp.send(port, requestLine.strip(), bearer());
		assertThat(response.status()).isEqualTo(status);
		assertOperationOutcome(response);
	}

	@Test
	void requestLineLargerThanTomcatAcceptsIsAnOperationOutcome() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET /fhir/Patient?name=" + "x".repeat(20_000) + " HTTP/1.1");
		assertThat(response.status()).isEqualTo(400);
		assertOperationOutcome(response);
	}

	@Test
	void invalidPercentEscapeInTheQueryIs400() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET /fhir/Patient?name=% HTTP/1.1", bearer());
		assertThat(response.status()).isEqualTo(400);
		JsonNode issue = assertOperationOutcome(response);
		assertThat(issue.path("diagnostics").asText()).contains("%");
	}

	@Test
	void invalidHexInAPercentEscapeInTheQueryIs400() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET /fhir/Patient?name=%zz HTTP/1.1", bearer());
		assertThat(response.status()).isEqualTo(400);
		assertOperationOutcome(response);
	}

	private String bearer() {
		return "Authorization: Bearer " + Tokens.of(port, TestRole.ADMIN);
	}

	private static JsonNode assertOperationOutcome(RawHttp.Response response) throws IOException {
		assertThat(response.contentType()).startsWith("application/fhir+json");
		JsonNode outcome = JSON.readTree(response.body());
		assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
		JsonNode issue = outcome.path("issue").path(0);
		assertThat(issue.path("severity").asText()).isEqualTo("error");
		assertThat(issue.path("diagnostics").asText()).isNotBlank();
		return issue;
	}
}
