package org.trialfhir.server;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@code Content-Encoding: gzip} bodies: the size limit (1 MB in the test profile) applies to the inflated bytes, so a
 * small compressed body that inflates far beyond it is refused before it is inflated on the heap.
 */
@TrialFhirServerTest
class CompressedBodyIT {

	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@AfterEach
	void serverStillAnswers() {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
	}

	@Test
	void gzipBombIsRefusedWith413() throws IOException {
		// 16 MiB of JSON compress to about 16 KB: 16 times the limit once inflated
		byte[] bomb = gzip(patientWithText(16 << 20));
		FhirTestClient.http(port).contentType(FHIR_JSON).header("Content-Encoding", "gzip").body(bomb)
				.post("/Patient")
				.then().statusCode(413)
				.contentType(containsString(FHIR_JSON))
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].code", equalTo("too-costly"))
				.body("issue[0].diagnostics", containsString("max-request-size"));
	}

	@Test
	void gzipBodyWithinTheLimitIsStored() throws IOException {
		byte[] body = gzip(patientWithText(500_000));
		FhirTestClient.http(port).contentType(FHIR_JSON).header("Content-Encoding", "gzip").body(body)
				.post("/Patient")
				.then().statusCode(201)
				.body("name[0].text.length()", equalTo(500_000));
	}

	@Test
	void bodyThatIsNotGzipIsRefusedWith400() {
		FhirTestClient.http(port).contentType(FHIR_JSON).header("Content-Encoding", "gzip")
				.body(patientWithText(10).getBytes(StandardCharsets.UTF_8))
				.post("/Patient")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("gzip"));
	}

	@Test
	void unsupportedContentEncodingIsRefusedWith415() {
		FhirTestClient.http(port).contentType(FHIR_JSON).header("Content-Encoding", "br")
				.body(patientWithText(10).getBytes(StandardCharsets.UTF_8))
				.post("/Patient")
				.then().statusCode(415)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("br"));
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return compressed.toByteArray();
	}

	private static String patientWithText(int chars) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + "x".repeat(chars) + "\"}]}";
	}
}
