package org.trialfhir.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
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
		assertThat(subjects.getEntry()).hasSize(10);
		assertThat(countObservations(fhir)).isEqualTo(observations).isGreaterThan(100);
		Observation platelets = fhir.read().resource(Observation.class).withId("sim-p0001-d01-plt-1").execute();
		assertThat(platelets.getMeta().getVersionId()).isEqualTo("1");
	}

	private static int countObservations(IGenericClient fhir) {
		Bundle bundle = fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId("Patient/sim-p0001")).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute();
		return bundle.getTotal();
	}
}
