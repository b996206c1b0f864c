package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.RawHttp;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * FHIR clients and tutorials write {@code system|code} and other FHIR query characters unencoded; the server answers
 * them like their %-encoded forms (sent over a raw socket, since HTTP clients encode them).
 */
@TrialFhirServerTest
class UnencodedQueryIT {

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Test
	void systemBarCodeSearchFindsTheObservation() throws IOException {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("unencoded-" + System.nanoTime(), LocalDate.of(1960, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		String observation = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.lab(patient, "777-3", 120, "10*9/L", Instant.parse("2026-01-05T10:00:00Z")))
				.execute().getId().toUnqualifiedVersionless().getValue();

		JsonNode bundle =
				searchset("GET /fhir/Observation?subject=" + patient + "&code=http://loinc.org|777-3 HTTP/1.1");

		assertThat(bundle.path("entry")).hasSize(1);
		assertThat(bundle.path("entry").path(0).path("resource").path("id").asText())
				.isEqualTo(observation.substring("Observation/".length()));
	}

	@Test
	void bracketsAndBracesAreAccepted() throws IOException {
		// HAPI searches (and finds nothing) instead of Tomcat refusing the request line
		JsonNode bundle = searchset("GET /fhir/Patient?family=[x]{y} HTTP/1.1");
		assertThat(bundle.path("type").asText()).isEqualTo(Bundle.BundleType.SEARCHSET.toCode());
		assertThat(bundle.path("entry")).isEmpty();
	}

	private JsonNode searchset(String requestLine) throws IOException {
		RawHttp.Response response = RawHttp.send(port, requestLine,
				"Authorization: Bearer " + Tokens.of(port, TestRole.ADMIN), "Accept: application/fhir+json");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode bundle = JSON.readTree(response.body());
		assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
		return bundle;
	}
}
