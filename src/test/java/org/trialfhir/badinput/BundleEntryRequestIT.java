package org.trialfhir.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.badinput.Refusals.count;
import static org.trialfhir.badinput.Refusals.json;
import static org.trialfhir.badinput.Refusals.refused;

import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * A transaction or batch entry needs request.method and request.url: without them HAPI failed with a
 * NullPointerException (500) or guessed. Refused with 400 naming the entry's element; no entry is stored, not even
 * the good one before it.
 */
@TrialFhirServerTest
class BundleEntryRequestIT {

	@LocalServerPort
	int port;

	String mrn;

	@BeforeEach
	void newPatientKey() {
		mrn = "bundle-" + UUID.randomUUID();
	}

	@AfterEach
	void nothingStoredAndTheServerStillAnswers() {
		assertThat(count(port, Patient.class, "identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn)).isZero();
		Refusals.serverStillAnswers(port);
	}

	@ParameterizedTest
	@ValueSource(strings = {"transaction", "batch"})
	void anEntryWithoutMethod(String type) {
		refused(json(port).body(bundle(type, "{\"url\": \"Patient\"}")).post("/"), 400,
				"Bundle.entry[1].request.method");
	}

	@ParameterizedTest
	@ValueSource(strings = {"transaction", "batch"})
	void anEntryWithoutRequest(String type) {
		refused(json(port).body(bundle(type, null)).post("/"), 400, "Bundle.entry[1].request.method");
	}

	@ParameterizedTest
	@ValueSource(strings = {"transaction", "batch"})
	void anEntryWithoutUrl(String type) {
		refused(json(port).body(bundle(type, "{\"method\": \"POST\"}")).post("/"), 400,
				"Bundle.entry[1].request.url");
	}

	@ParameterizedTest
	@ValueSource(strings = {"transaction", "batch"})
	void anEntryWithAnUnknownMethod(String type) {
		refused(json(port).body(bundle(type, "{\"method\": \"SEND\", \"url\": \"Patient\"}")).post("/"), 400,
				"Bundle.entry[1].request.method");
	}

	/** A good first entry (the test's Patient), then a second one with the given request (none when null). */
	private String bundle(String type, String secondRequest) {
		String good = "{\"resource\": {\"resourceType\": \"Patient\", \"identifier\": [{\"system\": \""
				+ TrialFixtures.MRN_SYSTEM + "\", \"value\": \"" + mrn + "\"}]}, \"request\": {\"method\": \"POST\", "
				+ "\"url\": \"Patient\"}}";
		String bad = "{\"resource\": {\"resourceType\": \"Patient\", \"identifier\": [{\"system\": \""
				+ TrialFixtures.MRN_SYSTEM + "\", \"value\": \"" + mrn + "\"}]}"
				+ (secondRequest == null ? "" : ", \"request\": " + secondRequest) + "}";
		return "{\"resourceType\": \"Bundle\", \"type\": \"" + type + "\", \"entry\": [" + good + ", " + bad + "]}";
	}
}
