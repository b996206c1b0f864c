package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Screening records (docs/randomization.md "Screening records"): an ineligible patient is answered 422 and recorded
 * once per study, re-screens update that record, an eligible re-screen randomizes it, and the record is no subject.
 */
@TrialFhirServerTest
class ScreeningRecordIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	EnrolmentFixtures trial;

	@BeforeEach
	void site() {
		trial = new EnrolmentFixtures(port);
	}

	@Test
	void anIneligiblePatientIsAnswered422AndRecordedOnceWithEveryFailedCriterion() {
		String study = trial.study(false);
		String patient = trial.candidate(c -> {
			c.jaam = 3;
			c.consent = false;
		});

		Response refused = trial.randomize(TestRole.CLINICIAN, study, patient);
		refused.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("[jaam-dic]"))
				.body("issue[0].diagnostics", containsString("[consent]"));

		ResearchSubject record = onlyRecordOf(patient);
		assertThat(record.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.INELIGIBLE);
		assertThat(record.getStudy().getReference()).isEqualTo(study);
		assertThat(criteria(record)).containsExactly("jaam-dic", "consent");
		assertThat(record.hasAssignedArm()).isFalse();
		assertThat(record.hasPeriod()).isFalse();
		assertThat(EnrolmentFixtures.slots(jdbc, study)).isEmpty(); // no list was even generated

		// audited as a refused screening, by the records it names
		Bundle events = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.where(AuditEvent.ENTITY.hasId(record.getIdElement().toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).execute();
		assertThat(events.getEntry()).map(e -> ((AuditEvent) e.getResource()).getOutcomeDesc())
				.anySatisfy(d -> assertThat(d).startsWith("not eligible: jaam-dic, consent"));
	}

	@Test
	void aReScreenUpdatesTheSameRecordAndAnEligibleOneRandomizesIt() {
		String study = trial.study(false);
		String patient = trial.candidate(c -> {
			c.jaam = 3;
			c.consent = false;
		});
		trial.randomize(TestRole.CLINICIAN, study, patient).then().statusCode(422);
		String recordId = onlyRecordOf(patient).getIdElement().getIdPart();

		consent(patient); // consent given since: only the JAAM DIC score still fails
		trial.randomize(TestRole.CLINICIAN, study, patient).then().statusCode(422)
				.body("issue[0].diagnostics", containsString("[jaam-dic]"))
				.body("issue[0].diagnostics", org.hamcrest.Matchers.not(containsString("[consent]")));
		ResearchSubject again = onlyRecordOf(patient);
		assertThat(again.getIdElement().getIdPart()).isEqualTo(recordId);
		assertThat(criteria(again)).containsExactly("jaam-dic");

		jaam(patient, 6); // now eligible: the record becomes the randomized subject
		ResearchSubject randomized = RandomizeIT.parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		assertThat(randomized.getIdElement().getIdPart()).isEqualTo(recordId);
		assertThat(randomized.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		assertThat(criteria(randomized)).isEmpty();
		assertThat(randomized.hasAssignedArm()).isTrue();
		assertThat(randomized.getPeriod().hasStart()).isTrue();
		assertThat(onlyRecordOf(patient).getIdElement().getIdPart()).isEqualTo(recordId);
		assertThat(EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> s.subject() != null))
				.extracting(SlotRow::subject).containsExactly(recordId);
	}

	@Test
	void parallelScreeningsOfOneIneligiblePatientLeaveOneRecord() throws Exception {
		String study = trial.study(false);
		String patient = trial.candidate(c -> c.consent = false);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			calls.add(pool.submit(() -> {
				start.await();
				return trial.randomize(TestRole.CLINICIAN, study, patient);
			}));
		}
		start.countDown();
		for (Future<Response> call : calls) {
			call.get(5, TimeUnit.MINUTES).then().statusCode(422).body("issue[0].diagnostics", containsString("[consent]"));
		}
		pool.shutdown();
		assertThat(criteria(onlyRecordOf(patient))).containsExactly("consent");
	}

	@Test
	void theRecordValidatesAgainstTheProfiledExtension() {
		String study = trial.study(false);
		String patient = trial.candidate(c -> c.sepsisCode = null);
		trial.randomize(TestRole.CLINICIAN, study, patient).then().statusCode(422);
		ResearchSubject record = onlyRecordOf(patient);

		OperationOutcome outcome = (OperationOutcome) trial.admin.validate().resource(record).execute()
				.getOperationOutcome();
		assertThat(outcome.getIssue()).noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
				|| i.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
		assertThat(outcome.getIssue()).noneMatch(i -> i.getDiagnostics() != null
				&& i.getDiagnostics().contains("failed-criterion"));
	}

	@Test
	void anIneligiblePatientsObservationGetsNoStudyDay() {
		String study = trial.study(false);
		String patient = trial.candidate(c -> c.consent = false);
		trial.randomize(TestRole.CLINICIAN, study, patient).then().statusCode(422);

		Observation heartRate = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")))
				.setSubject(new Reference(patient)).setEffective(new DateTimeType(new Date()))
				.setValue(new Quantity().setValue(90).setSystem("http://unitsofmeasure.org").setCode("/min").setUnit("/min"));
		var id = trial.admin.create().resource(heartRate).execute().getId();
		Observation stored = trial.admin.read().resource(Observation.class).withId(id.toUnqualifiedVersionless())
				.execute();
		assertThat(stored.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/study-day")).isNull();
	}

	private ResearchSubject onlyRecordOf(String patient) {
		Bundle subjects = trial.admin.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.INDIVIDUAL.hasId(patient)).returnBundle(Bundle.class).execute();
		assertThat(subjects.getEntry()).as("ResearchSubjects of " + patient).hasSize(1);
		return (ResearchSubject) subjects.getEntryFirstRep().getResource();
	}

	private static List<String> criteria(ResearchSubject record) {
		return record.getExtensionsByUrl(RandomizeExecutor.FAILED_CRITERION).stream()
				.map(e -> e.getValue().primitiveValue()).toList();
	}

	private void consent(String patient) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "research",
				null)));
		consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
		consent.setPatient(new Reference(patient));
		consent.setDateTime(new Date());
		consent.addPolicy().setUri("http://trialfhir.org/fhir/consent-policy/rtm-trial");
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		trial.admin.create().resource(consent).execute();
	}

	private void jaam(String patient, int value) {
		Observation score = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new Coding(ScreeningReader.TRIAL_SCORE_SYSTEM, "jaam-dic", null)))
				.setSubject(new Reference(patient)).setEffective(new DateTimeType(Date.from(Instant.now().minusSeconds(60))))
				.setValue(new org.hl7.fhir.r4.model.IntegerType(value));
		trial.admin.create().resource(score).execute();
	}

}
