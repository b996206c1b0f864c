package org.trialfhir.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.badinput.Refusals.FHIR_XML;
import static org.trialfhir.badinput.Refusals.count;
import static org.trialfhir.badinput.Refusals.json;
import static org.trialfhir.badinput.Refusals.refused;
import static org.trialfhir.badinput.Refusals.refusedNaming;

import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Request bodies are parsed strictly: what HAPI's lenient parser would drop or take silently is refused with 400,
 * naming the element, and nothing is stored.
 */
@TrialFhirServerTest
class StrictParsingIT {

	@LocalServerPort
	int port;

	String mrn;

	@BeforeEach
	void newPatientKey() {
		mrn = "strict-" + UUID.randomUUID();
	}

	@AfterEach
	void nothingStoredAndTheServerStillAnswers() {
		assertThat(count(port, Patient.class, "identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn)).isZero();
		Refusals.serverStillAnswers(port);
	}

	@Test
	void anUnknownElementIsRefusedNotDropped() {
		refused(json(port).body(patient("\"active\": true, \"activ\": false")).post("/Patient"), 400,
				"Patient.activ");
	}

	@Test
	void anUnknownElementDeepInsideIsNamedWithItsPath() {
		refused(json(port).body(patient("\"name\": [{\"family\": \"Tanaka\"}, {\"family\": \"Sato\", \"nickname\": "
				+ "\"Sa\"}]")).post("/Patient"), 400, "Patient.name[1].nickname");
	}

	@Test
	void anUnknownElementInXmlIsRefused() {
		String body = "<Patient xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"" + TrialFixtures.MRN_SYSTEM
				+ "\"/><value value=\"" + mrn + "\"/></identifier><activ value=\"true\"/></Patient>";
		refusedNaming(FhirTestClient.http(port).contentType(FHIR_XML).accept(Refusals.FHIR_JSON).body(body)
				.post("/Patient"), 400, "activ");
	}

	@Test
	void aKeyGivenTwiceIsRefused() {
		refused(json(port).body(patient("\"active\": true, \"gender\": \"female\", \"active\": false"))
				.post("/Patient"), 400, "Patient.active");
	}

	@Test
	void aMetaProfileThatIsNotAUriIsRefused() {
		refused(json(port).body(patient("\"meta\": {\"profile\": [\"http://example.org/fhir/StructureDefinition/p\", "
				+ "\"trial patient profile\"]}")).post("/Patient"), 400, "Patient.meta.profile[1]");
	}

	@Test
	void anInvalidCodeIsRefusedNaming() {
		refused(json(port).body(patient("\"gender\": \"femal\"")).post("/Patient"), 400, "Patient.gender");
	}

	@Test
	void anEmptyStringIsRefusedNotDropped() {
		refusedNaming(json(port).body(patient("\"birthDate\": \"\"")).post("/Patient"), 400, "birthDate");
	}

	@Test
	void anUnknownElementInsideATransactionEntryStoresNothing() {
		String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
				+ "{\"resource\": " + patient("\"active\": true") + ", \"request\": {\"method\": \"POST\", \"url\": "
				+ "\"Patient\"}},"
				+ "{\"resource\": {\"resourceType\": \"Patient\", \"activ\": true}, \"request\": {\"method\": "
				+ "\"POST\", "
				+ "\"url\": \"Patient\"}}]}";
		refused(json(port).body(bundle).post("/"), 400, "Bundle.entry[1].resource.activ");
	}

	@Test
	void anUnknownElementInAnUpdateIsRefused() {
		String id = "strict-" + UUID.randomUUID();
		String body = patient("\"id\": \"" + id + "\", \"active\": true, \"deceased\": false");
		refused(json(port).body(body).put("/Patient/" + id), 400, "Patient.deceased");
	}

	private String patient(String elements) {
		return "{\"resourceType\": \"Patient\", \"identifier\": [{\"system\": \"" + TrialFixtures.MRN_SYSTEM
				+ "\", \"value\": \"" + mrn + "\"}], " + elements + "}";
	}
}
