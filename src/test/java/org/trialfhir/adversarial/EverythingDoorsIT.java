package org.trialfhir.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@code Patient/[id]/$everything} shows what the token may read and nothing else: the EHR feed (it may read
 * Patients only) gets the Patient alone — not the ResearchSubject with its arm, the study, the labs, the consent or
 * the randomization's AuditEvent, on any page — and no {@code *} scope reaches the audit trail.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EverythingDoorsIT {

	@LocalServerPort
	int port;

	@Autowired
	DaoRegistry daos;

	String patient;

	@BeforeAll
	void aPatientWithEverythingAroundIt() {
		var admin = FhirTestClient.fhir(port);
		patient = admin.create().resource(TrialFixtures.patient("everything-" + UUID.randomUUID(),
				LocalDate.of(1950, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
		String study = admin.create().resource(TrialFixtures.study("everything")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		admin.create().resource(TrialFixtures.subject(study, patient, "rTM", Instant.parse("2026-03-01T08:00:00Z")))
				.execute();
		admin.create().resource(TrialFixtures.lab(patient, "777-3", 120, "10*9/L", Instant.parse("2026-03-01T10:00:00Z")))
				.execute();
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
				"research", null)));
		consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
		consent.setPatient(new Reference(patient));
		admin.create().resource(consent).execute();
		AuditEvent randomized = new AuditEvent();
		randomized.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", null));
		randomized.setRecorded(new Date());
		randomized.addAgent().setRequestor(true).getWho().setDisplay("clinician");
		randomized.getSource().getObserver().setDisplay("TrialFHIR");
		randomized.addEntity().setWhat(new Reference(patient));
		ServerSide.create(daos, randomized);
	}

	@Test
	void theEhrFeedSeesThePatientAloneOnEveryPage() {
		List<String> types = everythingTypes(TestRole.EHR);
		assertThat(types).containsOnly("Patient").hasSize(1);
	}

	@Test
	void theDataManagerSeesTheTrialRecordsButNotTheAuditTrail() {
		assertThat(everythingTypes(TestRole.ADMIN))
				.contains("Patient", "ResearchSubject", "ResearchStudy", "Observation", "Consent")
				.doesNotContain("AuditEvent");
	}

	@Test
	void aTokenThatMayNotReadPatientsIsRefused() {
		Response response = FhirTestClient.http(port, TestRole.AUDITOR).get("/" + patient + "/$everything");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	/** The resource types of every page of $everything, two resources a page. */
	private List<String> everythingTypes(TestRole role) {
		List<String> types = new ArrayList<>();
		String next = "/" + patient + "/$everything?_count=2";
		while (next != null) {
			Response page = FhirTestClient.http(port, role).get(next);
			assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
			types.addAll(page.jsonPath().getList("entry.resource.resourceType", String.class));
			String url = page.jsonPath().getString("link.find { it.relation == 'next' }.url");
			next = url == null ? null : url.substring(url.indexOf("/fhir") + "/fhir".length());
		}
		return types;
	}
}
