package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class TransactionIT {

	static final String EHR_IDS = "http://hospital-a.example/lab-result";

	@LocalServerPort
	int port;

	IGenericClient fhir;

	@BeforeEach
	void connect() {
		fhir = FhirTestClient.fhir(port);
	}

	@Test
	void transactionWhoseLastEntryIsInvalidLeavesNothingBehind() {
		String tag = UUID.randomUUID().toString();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = TrialFixtures.patient("tx-" + tag, LocalDate.of(1955, 2, 2));
		bundle.addEntry().setFullUrl("urn:uuid:" + tag).setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (int i = 0; i < 3; i++) {
			Observation ok = TrialFixtures.lab("urn:uuid:" + tag, "777-3", 100 + i, "10*9/L", Instant.now());
			ok.addIdentifier(new Identifier().setSystem(EHR_IDS).setValue(tag + "-" + i));
			bundle.addEntry().setResource(ok).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		Observation broken = TrialFixtures.lab("Patient/does-not-exist-" + tag, "777-3", 1, "10*9/L", Instant.now());
		bundle.addEntry().setResource(broken).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		FhirTestClient.http(port).contentType("application/fhir+json").body(FhirTestClient.json(bundle))
				.post("/")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("Observation.subject"));

		assertThat(countPatients("tx-" + tag)).isZero();
		Bundle observations = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(EHR_IDS, tag + "-0"))
				.returnBundle(Bundle.class).execute();
		assertThat(observations.getEntry()).isEmpty();
	}

	@Test
	void conditionalCreateTwiceCreatesOne() {
		String mrn = "cond-" + UUID.randomUUID();
		String body = FhirTestClient.json(TrialFixtures.patient(mrn, LocalDate.of(1970, 7, 7)));
		String condition = "identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn;
		FhirTestClient.http(port).contentType("application/fhir+json").header("If-None-Exist", condition).body(body)
				.post("/Patient").then().statusCode(201);
		FhirTestClient.http(port).contentType("application/fhir+json").header("If-None-Exist", condition).body(body)
				.post("/Patient").then().statusCode(200);
		assertThat(countPatients(mrn)).isEqualTo(1);
	}

	@Test
	void conditionalUpdateCreatesThenUpdatesTheSameResource() {
		String mrn = "cupd-" + UUID.randomUUID();
		Patient patient = TrialFixtures.patient(mrn, LocalDate.of(1971, 1, 1));
		String url = "Patient?identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn;
		fhir.update().resource(patient).conditionalByUrl(url).execute();
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1971-01-02"));
		String version = fhir.update().resource(patient).conditionalByUrl(url).execute().getId().getVersionIdPart();
		assertThat(version).isEqualTo("2");
		assertThat(countPatients(mrn)).isEqualTo(1);
	}

	@Test
	void batchEntriesSucceedOrFailIndependently() {
		String mrn = "batch-" + UUID.randomUUID();
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().setResource(TrialFixtures.patient(mrn, LocalDate.of(1980, 1, 1)))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		batch.addEntry().setResource(TrialFixtures.lab("Patient/missing-" + mrn, "777-3", 1, "10*9/L", Instant.now()))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		Bundle response = fhir.transaction().withBundle(batch).execute();
		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("400");
		assertThat(countPatients(mrn)).isEqualTo(1);
	}

	private int countPatients(String mrn) {
		return fhir.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode(TrialFixtures.MRN_SYSTEM, mrn))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}
}
