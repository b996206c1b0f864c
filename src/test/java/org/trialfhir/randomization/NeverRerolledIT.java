package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * A randomized subject keeps its arm: no edit, no delete, no second randomization (a second $randomize returns the
 * same subject); withdrawal frees nothing.
 */
@TrialFhirServerTest
class NeverRerolledIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theArmCannotBeEditedNorTheSubjectDeletedButItCanBeWithdrawn() {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		String patient = trial.candidate();
		ResearchSubject subject = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		String id = subject.getIdElement().toUnqualifiedVersionless().getValue();
		String otherArm = subject.getAssignedArm().equals("rTM") ? "control" : "rTM";

		ResearchSubject edited = subject.copy().setAssignedArm(otherArm);
		put(id, edited).then().statusCode(422).body("issue[0].diagnostics", containsString("allocation list"));
		put(id, subject.copy().setAssignedArm(null)).then().statusCode(422); // e.g. a masked copy written back
		FhirTestClient.http(port).delete("/" + id).then().statusCode(422)
				.body("issue[0].diagnostics", containsString("withdrawn"));

		ResearchSubject withdrawn = subject.copy().setStatus(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
		// to the millisecond, as T0 is: a Date alone is written to the second, which lies before T0 when the
		// withdrawal comes within the second of randomization (period.start must not be after period.end)
		withdrawn.getPeriod().setEndElement(new DateTimeType(new Date(), TemporalPrecisionEnum.MILLI,
				TimeZone.getTimeZone("UTC")));
		put(id, withdrawn).then().log().ifValidationFails().statusCode(200);
		assertThat(trial.admin.read().resource(ResearchSubject.class).withId(id).execute().getAssignedArm())
				.isEqualTo(subject.getAssignedArm());

		ResearchSubject again = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		assertThat(again.getIdElement().getIdPart()).isEqualTo(subject.getIdElement().getIdPart());
		assertThat(again.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
		assertThat(again.getAssignedArm()).isEqualTo(subject.getAssignedArm());
		List<SlotRow> used = EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> s.subject() != null).toList();
		assertThat(used).singleElement().satisfies(s -> {
			assertThat(s.subject()).isEqualTo(subject.getIdElement().getIdPart());
			assertThat(s.arm()).isEqualTo(subject.getAssignedArm());
		});
	}

	@Test
	void theDatabaseRefusesToChangeAUsedSlotOrToDeleteAnySlot() {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		ResearchSubject subject = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		String subjectId = subject.getIdElement().getIdPart();

		assertThatThrownBy(() -> jdbc.update("UPDATE trialfhir_allocation_slot SET arm = 'x' WHERE research_subject_id = ?",
				subjectId)).isInstanceOf(DataAccessException.class).hasMessageContaining("is used and cannot change");
		assertThatThrownBy(() -> jdbc.update("UPDATE trialfhir_allocation_slot SET used_at = NULL, patient_id = NULL, "
				+ "research_subject_id = NULL WHERE research_subject_id = ?", subjectId))
				.isInstanceOf(DataAccessException.class);
		String studyId = EnrolmentFixtures.idPart(study);
		assertThatThrownBy(() -> jdbc.update("UPDATE trialfhir_allocation_slot SET arm = 'x' WHERE study_id = ? "
				+ "AND used_at IS NULL", studyId)).isInstanceOf(DataAccessException.class)
				.hasMessageContaining("cannot change");
		assertThatThrownBy(() -> jdbc.update("DELETE FROM trialfhir_allocation_slot WHERE study_id = ?", studyId))
				.isInstanceOf(DataAccessException.class).hasMessageContaining("cannot be deleted");
		assertThat(EnrolmentFixtures.slots(jdbc, study)).filteredOn(s -> s.subject() != null).singleElement()
				.satisfies(s -> assertThat(s.arm()).isEqualTo(subject.getAssignedArm()));
	}

	private io.restassured.response.Response put(String id, ResearchSubject subject) {
		return FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json")
				.body(FhirTestClient.json(subject)).put("/" + id);
	}
}
