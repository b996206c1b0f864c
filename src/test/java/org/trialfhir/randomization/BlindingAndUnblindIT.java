package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.audit.TrialAuditEvent;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/** A blinded study: the enrolling clinician does not see the arm; emergency unblinding reveals it, on the record. */
@TrialFhirServerTest
class BlindingAndUnblindIT {

	@LocalServerPort
	int port;

	EnrolmentFixtures trial;
	String study;

	@BeforeEach
	void blindedStudy() {
		trial = new EnrolmentFixtures(port);
		study = trial.study(true);
	}

	@Test
	void theClinicianGetsTheSubjectWithItsArmMaskedWhileTheStoredOneHasIt() {
		ResearchSubject returned = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		assertThat(returned.hasAssignedArm()).isFalse();
		assertThat(returned.getMeta().getSecurity()).anyMatch(c -> c.getCode().equals("MASKED"));
		ResearchSubject stored = trial.admin.read().resource(ResearchSubject.class).withId(returned.getIdElement()
				.toUnqualifiedVersionless()).execute();
		assertThat(stored.getAssignedArm()).isIn("rTM", "control");
	}

	@Test
	void anUnblindedTokenSeesTheArmInTheAnswer() {
		ResearchSubject returned = RandomizeIT.parse(trial.randomize(TestRole.ADMIN, study, trial.candidate()));
		assertThat(returned.getAssignedArm()).isIn("rTM", "control");
	}

	@Test
	void emergencyUnblindingReturnsTheArmAndAuditsWhoWhenAndWhy() {
		ResearchSubject returned = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		String subject = returned.getIdElement().toUnqualifiedVersionless().getValue();
		String stored = trial.admin.read().resource(ResearchSubject.class).withId(subject).execute().getAssignedArm();
		String reason = "major bleeding on day 2, the treating physician must know " + System.nanoTime();

		Response response = unblind(TestRole.INVESTIGATOR, subject, reason);
		response.then().statusCode(200).body("resourceType", equalTo("Parameters"));
		Parameters result = FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
		assertThat(result.getParameter("arm").getValue().primitiveValue()).isEqualTo(stored);

		Bundle events = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.where(new ca.uhn.fhir.rest.gclient.TokenClientParam("entity-resource").exactly().code(subject))
				.and(AuditEvent.SUBTYPE.exactly().systemAndCode(TrialAuditEvent.OPERATION_SYSTEM, "$unblind"))
				.returnBundle(Bundle.class).execute();
		// as documented: AuditEvent?subtype=...|$unblind finds it (and, once published, the request's own audit record)
		AuditEvent unblinding = events.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.filter(e -> e.getEntity().stream().anyMatch(entity -> entity.hasDetail())).findFirst().orElseThrow();
		assertThat(unblinding.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("investigator-demo");
		assertThat(unblinding.getRecorded()).isNotNull();
		assertThat(unblinding.getEntityFirstRep().getDetail()).anySatisfy(d -> {
			assertThat(d.getType()).isEqualTo("reason");
			assertThat(((StringType) d.getValue()).getValue()).isEqualTo(reason);
		});
		assertThat(FhirTestClient.json(unblinding)).doesNotContain("\"" + stored + "\"");
	}

	@Test
	void unblindingNeedsAReasonAndTheScope() {
		ResearchSubject returned = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		String subject = returned.getIdElement().toUnqualifiedVersionless().getValue();
		unblind(TestRole.INVESTIGATOR, subject, null).then().statusCode(400);
		unblind(TestRole.INVESTIGATOR, subject, "   ").then().statusCode(400);
		for (TestRole role : List.of(TestRole.RESEARCH, TestRole.CLINICIAN, TestRole.EHR, TestRole.AUDITOR)) {
			unblind(role, subject, "curiosity").then().statusCode(403);
		}
		unblind(TestRole.ADMIN, subject, "data manager check").then().statusCode(200);
		unblind(TestRole.INVESTIGATOR, "ResearchSubject/no-such-subject", "emergency").then().statusCode(404);
	}

	private Response unblind(TestRole role, String subject, String reason) {
		Parameters parameters = new Parameters();
		if (reason != null) {
			parameters.addParameter().setName("reason").setValue(new StringType(reason));
		}
		return FhirTestClient.http(port, role).contentType("application/fhir+json")
				.body(FhirTestClient.json(parameters)).post("/" + subject + "/$unblind");
	}
}
