package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Instant;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class BlindingIT {

	@LocalServerPort
	int port;

	@Test
	void blindedStudyHidesTheArmFromTokensWithoutUnblinded() {
		String subjectId = enrol(study(true), "rTM");
		ResearchSubject seenByResearch = FhirTestClient.fhir(port, TestRole.RESEARCH).read()
				.resource(ResearchSubject.class).withId(subjectId).execute();
		assertThat(seenByResearch.hasAssignedArm()).isFalse();
		assertThat(seenByResearch.hasActualArm()).isFalse();
		assertThat(seenByResearch.getMeta().getSecurity()).anyMatch(c -> c.getCode().equals("MASKED"));

		ResearchSubject seenByAdmin = FhirTestClient.fhir(port, TestRole.ADMIN).read()
				.resource(ResearchSubject.class).withId(subjectId).execute();
		assertThat(seenByAdmin.getAssignedArm()).isEqualTo("rTM");
		assertThat(seenByAdmin.getActualArm()).isEqualTo("rTM");
	}

	@Test
	void blindedArmIsHiddenInSearchResultsAndHistoryToo() {
		String study = study(true);
		enrol(study, "control");
		Bundle search = FhirTestClient.fhir(port, TestRole.INVESTIGATOR).search().forResource(ResearchSubject.class)
				.where(ResearchSubject.STUDY.hasId(study)).returnBundle(Bundle.class).execute();
		assertThat(search.getEntry()).isNotEmpty().allSatisfy(e -> assertThat(((ResearchSubject) e.getResource()).hasAssignedArm()).isFalse());
	}

	@Test
	void searchingByArmIsRefusedWithoutUnblinded() {
		study(true);
		IGenericClient research = FhirTestClient.fhir(port, TestRole.RESEARCH);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> research.search().forResource(ResearchSubject.class)
				.where(new TokenClientParam("assigned-arm").exactly().code("rTM")).returnBundle(Bundle.class).execute())
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void openLabelStudyShowsTheArm() {
		String subjectId = enrol(study(false), "control");
		ResearchSubject seen = FhirTestClient.fhir(port, TestRole.RESEARCH).read()
				.resource(ResearchSubject.class).withId(subjectId).execute();
		assertThat(seen.getAssignedArm()).isEqualTo("control");
	}

	private String study(boolean blinded) {
		ResearchStudy study = TrialFixtures.study(blinded ? "blinded" : "open label");
		study.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(blinded));
		return FhirTestClient.fhir(port).create().resource(study).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private String enrol(String study, String arm) {
		var admin = FhirTestClient.fhir(port);
		String patient = admin.create().resource(TrialFixtures.patient("blind-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		ResearchSubject subject = TrialFixtures.subject(study, patient, arm, Instant.parse("2026-03-01T08:00:00Z"));
		subject.setActualArm(arm);
		return admin.create().resource(subject).execute().getId().getIdPart();
	}
}
