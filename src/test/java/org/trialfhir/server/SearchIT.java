package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class SearchIT {

	static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
	static final String TRIAL_LAB = "http://trialfhir.org/fhir/CodeSystem/trial-lab";

	@LocalServerPort
	int port;

	IGenericClient fhir;

	@BeforeEach
	void connect() {
		fhir = FhirTestClient.fhir(port);
	}

	@Test
	void labsOfOneSubjectByCodeAndDatePageThroughNextLinks() {
		String patient = newPatient();
		String other = newPatient();
		Bundle batch = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		// 30 platelet counts every 6 h from T0, plus noise of another code and another patient
		for (int i = 0; i < 30; i++) {
			Instant at = T0.plus(6L * i, ChronoUnit.HOURS);
			addCreate(batch, TrialFixtures.lab(patient, "777-3", 100 + i, "10*9/L", at));
			addCreate(batch, TrialFixtures.lab(patient, "6690-2", 10, "10*9/L", at));
			addCreate(batch, TrialFixtures.lab(other, "777-3", 50, "10*9/L", at));
		}
		fhir.transaction().withBundle(batch).execute();

		// day 2..4 window: [T0+24h, T0+96h) holds the counts i = 4..15 → 12 results
		Bundle page = fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patient))
				.and(Observation.CODE.exactly().systemAndCode(TrialFixtures.LOINC, "777-3"))
				.and(Observation.DATE.afterOrEquals().second(java.util.Date.from(T0.plus(24, ChronoUnit.HOURS))))
				.and(Observation.DATE.before().second(java.util.Date.from(T0.plus(96, ChronoUnit.HOURS))))
				.sort().ascending(Observation.DATE)
				.count(5)
				.returnBundle(Bundle.class)
				.execute();
		List<Double> values = new ArrayList<>();
		int pages = 0;
		while (page != null) {
			pages++;
			page.getEntry().forEach(e -> values.add(((Observation) e.getResource()).getValueQuantity().getValue().doubleValue()));
			page = page.getLink(Bundle.LINK_NEXT) == null ? null : fhir.loadPage().next(page).execute();
		}
		assertThat(pages).isEqualTo(3);
		assertThat(values).containsExactly(104.0, 105.0, 106.0, 107.0, 108.0, 109.0, 110.0, 111.0, 112.0, 113.0, 114.0, 115.0);
	}

	@Test
	void researchSubjectsByAssignedArmIncludeTheirPatients() {
		String study = fhir.create().resource(TrialFixtures.study("arm search " + UUID.randomUUID())).execute().getId()
				.toUnqualifiedVersionless().getValue();
		for (String arm : List.of("rTM", "rTM", "control")) {
			fhir.create().resource(TrialFixtures.subject(study, newPatient(), arm, T0)).execute();
		}
		Bundle rtm = fhir.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.STUDY.hasId(study))
				.and(new TokenClientParam("assigned-arm").exactly().code("rTM"))
				.include(ResearchSubject.INCLUDE_INDIVIDUAL)
				.returnBundle(Bundle.class)
				.execute();
		long subjects = rtm.getEntry().stream().filter(e -> e.getResource() instanceof ResearchSubject).count();
		long patients = rtm.getEntry().stream().filter(e -> e.getResource() instanceof Patient).count();
		assertThat(subjects).isEqualTo(2);
		assertThat(patients).isEqualTo(2);
		assertThat(rtm.getEntry()).filteredOn(e -> e.getResource() instanceof ResearchSubject)
				.allSatisfy(e -> assertThat(((ResearchSubject) e.getResource()).getAssignedArm()).isEqualTo("rTM"));
	}

	@Test
	void patientWithRevincludedObservations() {
		String patient = newPatient();
		fhir.create().resource(TrialFixtures.lab(patient, "777-3", 80, "10*9/L", T0)).execute();
		fhir.create().resource(TrialFixtures.lab(patient, "777-3", 70, "10*9/L", T0.plusSeconds(3600))).execute();
		Bundle bundle = fhir.search().forResource(Patient.class)
				.where(Patient.RES_ID.exactly().code(new IdType(patient).getIdPart()))
				.revInclude(Observation.INCLUDE_SUBJECT)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("Patient", "Observation", "Observation");
	}

	@Test
	void observationsByATrialValueSetOnACodeSystemOfTheServer() {
		String patient = newPatient();
		fhir.create().resource(TrialFixtures.lab(patient, "777-3", 120, "10*9/L", T0)).execute();
		// IL-1β is coded in the trial's own CodeSystem, stored in the server: HAPI expands trial-labs from its tables
		Observation interleukin = TrialFixtures.lab(patient, "il-1beta", 3, "pg/mL", T0);
		interleukin.setCode(new CodeableConcept(new Coding(TRIAL_LAB, "il-1beta", null)));
		fhir.create().resource(interleukin).execute();
		Observation heartRate = TrialFixtures.lab(patient, "8867-4", 112, "/min", T0);
		heartRate.getCategoryFirstRep().getCodingFirstRep().setCode("vital-signs");
		fhir.create().resource(heartRate).execute();

		assertThat(codesIn(patient, "trial-labs")).containsExactlyInAnyOrder("777-3", "il-1beta");
		assertThat(codesIn(patient, "trial-vital-signs")).containsExactly("8867-4");
	}

	@Test
	void aFullTextSearchIsRefusedAsNotSupported() {
		// no full-text index on this server (Hibernate Search is off): a client error, not a server fault
		FhirTestClient.http(port).get("/Observation?_content=platelets").then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("_content"));
	}

	private List<String> codesIn(String patient, String valueSet) {
		Bundle found = fhir.search()
				.byUrl("Observation?subject=" + patient + "&code:in=http://trialfhir.org/fhir/ValueSet/" + valueSet)
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream()
				.map(e -> ((Observation) e.getResource()).getCode().getCodingFirstRep().getCode()).toList();
	}

	private String newPatient() {
		return fhir.create().resource(TrialFixtures.patient("s-" + UUID.randomUUID(), LocalDate.of(1948, 5, 5)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	private static void addCreate(Bundle bundle, Observation observation) {
		bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
	}
}
