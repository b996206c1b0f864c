package org.trialfhir.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/** The demo trial of fhir-examples/demo loads, and loading it again adds nothing. */
@TrialFhirServerTest
class DemoDataIT {

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	IFhirSystemDao<Bundle, Meta> systemDao;

	@Test
	void demoTrialLoadsIdempotently() throws Exception {
		DemoDataLoader loader = new DemoDataLoader(fhirContext, systemDao, new DemoDataProperties(true, null));
		loader.run(new DefaultApplicationArguments());
		IGenericClient fhir = FhirTestClient.fhir(port);
		int observations = countObservations(fhir);
		loader.run(new DefaultApplicationArguments());

		ResearchStudy study = fhir.read().resource(ResearchStudy.class).withId("sim-study").execute();
		assertThat(study.getArm()).extracting(ResearchStudy.ResearchStudyArmComponent::getName).containsExactly("rTM", "control");
		assertThat(study.getMeta().getVersionId()).isEqualTo("1");
		Bundle subjects = fhir.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.STUDY.hasId("ResearchStudy/sim-study")).count(100).returnBundle(Bundle.class).execute();
		// the demo's ten (a test of the workbench may have randomized a screening patient into the study since)
		assertThat(subjects.getEntry()).filteredOn(entry -> entry.getResource().getIdElement().getIdPart().startsWith("sim-s"))
				.hasSize(10);
		assertThat(countObservations(fhir)).isEqualTo(observations).isGreaterThan(100);
		Observation platelets = fhir.read().resource(Observation.class).withId("sim-p0001-d01-plt-1").execute();
		assertThat(platelets.getMeta().getVersionId()).isEqualTo("1");

		ResearchStudy blinded = fhir.read().resource(ResearchStudy.class).withId("demo-blinded-study").execute();
		assertThat(((BooleanType) blinded.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/blinded").getValue())
				.booleanValue()).isTrue();
		assertThat(blinded.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void theScreeningPatientsAreEligibleNowWheneverTheDemoLoads() throws Exception {
		new DemoDataLoader(fhirContext, systemDao, new DemoDataProperties(true, null)).run(new DefaultApplicationArguments());
		IGenericClient fhir = FhirTestClient.fhir(port);
		for (String patient : List.of("demo-screen-1", "demo-screen-2", "demo-screen-3", "demo-screen-4")) {
			Observation screening = fhir.read().resource(Observation.class).withId(patient + "-screening-jaam").execute();
			// the jaam-dic criterion looks back 24 h from the randomization
			assertThat(screening.getEffectiveDateTimeType().getValue().toInstant())
					.isAfter(Instant.now().minus(Duration.ofHours(24))).isBefore(Instant.now());
			assertThat(screening.getValueIntegerType().getValue()).isGreaterThanOrEqualTo(4);
		}
		Bundle consents = fhir.search().forResource(Consent.class).where(Consent.PATIENT.hasId("Patient/demo-screen-4"))
				.returnBundle(Bundle.class).execute();
		assertThat(consents.getEntry()).as("demo-screen-4 lacks consent, to show an ineligible patient").isEmpty();
	}

	private static int countObservations(IGenericClient fhir) {
		Bundle bundle = fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/sim-p0001")).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute();
		return bundle.getTotal();
	}
}
