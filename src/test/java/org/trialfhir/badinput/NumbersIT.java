package org.trialfhir.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.badinput.Refusals.FHIR_XML;
import static org.trialfhir.badinput.Refusals.count;
import static org.trialfhir.badinput.Refusals.json;
import static org.trialfhir.badinput.Refusals.refused;

import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Numbers a write may not store: beyond ±1e15 or too small for a double (400), and a negative value of a trial
 * variable that cannot be negative (422). Possible values, however odd, are stored.
 */
@TrialFhirServerTest
class NumbersIT {

	static final String LAB_IDS = "http://hospital-a.example/lab-result";

	@LocalServerPort
	int port;

	String key;

	@BeforeEach
	void newObservationKey() {
		key = "numbers-" + UUID.randomUUID();
	}

	@AfterEach
	void theServerStillAnswers() {
		Refusals.serverStillAnswers(port);
	}

	@Test
	void aValueBeyondTheRangeOfADoubleIsRefused() {
		refused(json(port).body(observation("777-3", "1e400", "10*9/L")).post("/Observation"), 400,
				"Observation.valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aValueWithAnExponentOfABillionIsRefusedBeforeHapiWritesItOut() {
		refused(json(port).body(observation("777-3", "1e999999999", "10*9/L")).post("/Observation"), 400,
				"Observation.valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aValueTooSmallForADoubleIsRefused() {
		refused(json(port).body(observation("777-3", "1e-999999999", "10*9/L")).post("/Observation"), 400,
				"Observation.valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aValueBeyondTheRangeOfADoubleInXmlIsRefused() {
		String body = "<Observation xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"" + LAB_IDS
				+ "\"/><value value=\"" + key + "\"/></identifier><status value=\"final\"/><code><coding><system "
				+ "value=\"http://loinc.org\"/><code value=\"777-3\"/></coding></code><valueQuantity><value "
				+ "value=\"1e400\"/><system value=\"http://unitsofmeasure.org\"/><code value=\"10*9/L\"/>"
				+ "</valueQuantity></Observation>";
		refused(FhirTestClient.http(port).contentType(FHIR_XML).accept(Refusals.FHIR_JSON).body(body)
				.post("/Observation"), 400, "Observation.valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aHugeNumberInsideATransactionEntryIsNamedWithItsEntry() {
		String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [{\"resource\": "
				+ observation(key, "777-3", "12", "10*9/L") + ", \"request\": {\"method\": \"POST\", \"url\": "
				+ "\"Observation\"}}, {\"resource\": " + observation(key + "-wbc", "6690-2", "2.5e16", "10*9/L")
				+ ", \"request\": "
				+ "{\"method\": \"POST\", \"url\": \"Observation\"}}]}";
		refused(json(port).body(bundle).post("/"), 400, "Bundle.entry[1].resource.valueQuantity.value");
		assertNothingStored();
		assertThat(count(port, Observation.class, "identifier=" + LAB_IDS + "|" + key + "-wbc")).isZero();
	}

	@Test
	void aNegativePlateletCountIsRefused() {
		refused(json(port).body(observation("777-3", "-12", "10*9/L")).post("/Observation"), 422,
				"Observation.valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aNegativeSystolicPressureInAPanelComponentIsRefused() {
		String panel = "{\"resourceType\": \"Observation\", \"identifier\": [{\"system\": \"" + LAB_IDS + "\", "
				+ "\"value\": \"" + key + "\"}], \"status\": \"final\", \"code\": {\"coding\": [{\"system\": "
				+ "\"http://loinc.org\", \"code\": \"85354-9\"}]}, \"component\": ["
				+ component("8462-4", "70") + ", " + component("8480-6", "-120") + "]}";
		refused(json(port).body(panel).post("/Observation"), 422, "Observation.component[1].valueQuantity.value");
		assertNothingStored();
	}

	@Test
	void aTemperatureBelowZeroIsAPossibleValueAndStored() {
		json(port).body(observation("8310-5", "-0.5", "Cel")).post("/Observation").then().statusCode(201);
		assertThat(count(port, Observation.class, "identifier=" + LAB_IDS + "|" + key)).isOne();
	}

	@Test
	void aClinicallyImplausibleButPossibleValueIsStored() {
		json(port).body(observation("777-3", "2500", "10*9/L")).post("/Observation").then().statusCode(201);
		assertThat(count(port, Observation.class, "identifier=" + LAB_IDS + "|" + key)).isOne();
	}

	@Test
	void aNegativeValueOfACodeThatIsNotATrialVariableIsStored() {
		json(port).body(observation("1925-7", "-4.2", "mmol/L")).post("/Observation").then().statusCode(201);
		assertThat(count(port, Observation.class, "identifier=" + LAB_IDS + "|" + key)).isOne();
	}

	private void assertNothingStored() {
		assertThat(count(port, Observation.class, "identifier=" + LAB_IDS + "|" + key)).isZero();
	}

	/** A lab result with the test's identifier; the value is written into the JSON as given. */
	private String observation(String loinc, String value, String unit) {
		return observation(key, loinc, value, unit);
	}

	private static String observation(String identifier, String loinc, String value, String unit) {
		return "{\"resourceType\": \"Observation\", \"identifier\": [{\"system\": \"" + LAB_IDS + "\", \"value\": \""
				+ identifier + "\"}], \"status\": \"final\", \"code\": {\"coding\": [{\"system\": "
				+ "\"http://loinc.org\", "
				+ "\"code\": \"" + loinc + "\"}]}, \"valueQuantity\": {\"value\": " + value + ", \"system\": "
				+ "\"http://unitsofmeasure.org\", \"code\": \"" + unit + "\"}}";
	}

	private static String component(String loinc, String value) {
		return "{\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"" + loinc + "\"}]}, "
				+ "\"valueQuantity\": {\"value\": " + value + ", \"system\": \"http://unitsofmeasure.org\", "
				+ "\"code\": \"mm[Hg]\"}}";
	}
}
