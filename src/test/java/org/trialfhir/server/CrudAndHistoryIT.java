package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.time.Instant;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class CrudAndHistoryIT {

	@LocalServerPort
	int port;

	IGenericClient fhir;

	@BeforeEach
	void connect() {
		fhir = FhirTestClient.fhir(port);
	}

	@Test
	void studySubjectPatientAndObservationGoThroughCreateReadUpdateHistoryDelete() {
		IdType studyId = (IdType) fhir.create().resource(TrialFixtures.study("CRUD trial")).execute().getId();
		IdType patientId = (IdType) fhir.create().resource(TrialFixtures.patient("crud-1", LocalDate.of(1950, 3, 1)))
				.execute().getId();
		ResearchSubject subject = TrialFixtures.subject(studyId.toUnqualifiedVersionless().getValue(),
				patientId.toUnqualifiedVersionless().getValue(), "rTM", Instant.parse("2026-01-05T09:00:00Z"));
		IdType subjectId = (IdType) fhir.create().resource(subject).execute().getId();

		ResearchSubject read = fhir.read().resource(ResearchSubject.class).withId(subjectId.getIdPart()).execute();
		assertThat(read.getAssignedArm()).isEqualTo("rTM");
		assertThat(read.getPeriod().getStartElement().getValueAsString()).startsWith("2026-01-05T09:00:00");

		Observation platelets = TrialFixtures.lab(patientId.toUnqualifiedVersionless().getValue(), "777-3", 12.0,
				"10*4/uL", Instant.parse("2026-01-05T10:00:00Z"));
		IdType obsId = (IdType) fhir.create().resource(platelets).execute().getId();
		assertThat(obsId.getVersionIdPart()).isEqualTo("1");

		Observation corrected = fhir.read().resource(Observation.class).withId(obsId.getIdPart()).execute();
		corrected.setStatus(Observation.ObservationStatus.CORRECTED);
		corrected.getValueQuantity().setValue(11.5);
		IdType v2 = (IdType) fhir.update().resource(corrected).execute().getId();
		assertThat(v2.getVersionIdPart()).isEqualTo("2");

		Observation version1 = fhir.read().resource(Observation.class).withIdAndVersion(obsId.getIdPart(), "1").execute();
		assertThat(version1.getValueQuantity().getValue()).isEqualByComparingTo("12.0");
		assertThat(version1.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);

		Bundle history = fhir.history().onInstance(obsId.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);

		fhir.delete().resourceById(obsId.toUnqualifiedVersionless()).execute();
		assertThatThrownBy(() -> fhir.read().resource(Observation.class).withId(obsId.getIdPart()).execute())
				.isInstanceOf(ResourceGoneException.class);

		ResearchStudy study = fhir.read().resource(ResearchStudy.class).withId(studyId.getIdPart()).execute();
		assertThat(study.getArm()).extracting(ResearchStudy.ResearchStudyArmComponent::getName)
				.containsExactly("rTM", "control");
		Patient patient = fhir.read().resource(Patient.class).withId(patientId.getIdPart()).execute();
		assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("crud-1");
	}

	@Test
	void updateWithUnchangedContentCreatesNoNewVersion() {
		Patient patient = TrialFixtures.patient("noop-1", LocalDate.of(1960, 1, 1));
		patient.setId("noop-patient");
		fhir.update().resource(patient).execute();
		IdType again = (IdType) fhir.update().resource(patient).execute().getId();
		assertThat(again.getVersionIdPart()).isEqualTo("1");
	}
}
