package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.randomization.EnrolmentFixtures.Candidate;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/** $randomize end to end: the subject it creates, eligibility (422, nothing consumed), strata, study checks. */
@TrialFhirServerTest
class RandomizeIT {

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
	void anEligiblePatientBecomesAnOnStudySubjectWithTheArmOfTheFirstSlot() {
		String study = trial.study(false);
		String patient = trial.candidate();
		Instant before = Instant.now();
		Response response = trial.randomize(TestRole.CLINICIAN, study, patient);
		Instant after = Instant.now();

		response.then().statusCode(200).body("resourceType", equalTo("ResearchSubject"));
		ResearchSubject subject = parse(response);
		assertThat(subject.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		assertThat(subject.getStudy().getReference()).isEqualTo(study);
		assertThat(subject.getIndividual().getReference()).isEqualTo(patient);
		Instant t0 = subject.getPeriod().getStart().toInstant();
		assertThat(t0).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after); // T0 = now
		assertThat(subject.getConsent().getReference()).startsWith("Consent/");

		List<SlotRow> slots = EnrolmentFixtures.slots(jdbc, study);
		SlotRow first = slots.get(0);
		assertThat(first.stratum()).isEqualTo("site=" + trial.site + "|baseline-jaam=lt6"); // JAAM 5 < 6
		assertThat(first.sequence()).isEqualTo(1);
		assertThat(first.subject()).isEqualTo(subject.getIdElement().getIdPart());
		assertThat(first.usedAt()).isEqualTo(t0); // the slot was used at T0
		assertThat(subject.getAssignedArm()).isEqualTo(first.arm()).isIn("rTM", "control");
		assertThat(slots.stream().filter(s -> s.subject() != null)).hasSize(1);
		assertThat(slots).hasSize(first.blockSize()).allSatisfy(s -> assertThat(s.blockSize()).isIn(2, 4));
	}

	@Test
	void theRandomizationIsAuditedByItsSlotWithoutTheArm() {
		String study = trial.study(false);
		ResearchSubject subject = parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		String id = subject.getIdElement().toUnqualifiedVersionless().getValue();
		Bundle events = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.where(AuditEvent.ENTITY.hasId(id)).returnBundle(Bundle.class).execute();
		// ours, not the request's own audit record (same subtype, published a little later)
		AuditEvent event = events.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.filter(e -> e.getSubtypeFirstRep().getCode().equals("$randomize"))
				.filter(e -> e.getEntity().stream().anyMatch(entity -> "allocation slot".equals(entity.getName())))
				.findFirst().orElseThrow();
		assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("clinician-demo");
		AuditEvent.AuditEventEntityComponent slot = event.getEntity().stream()
				.filter(e -> "allocation slot".equals(e.getName())).findFirst().orElseThrow();
		// the opaque slot id only: stratum, position and block stay in the concealed list
		assertThat(slot.getDescription()).matches(Pattern.quote(study) + " allocation slot \\d+");
		assertThat(slot.getDetail()).extracting(AuditEvent.AuditEventEntityDetailComponent::getType)
				.containsExactly("slot");
		String json = FhirTestClient.json(event);
		assertThat(json).doesNotContain("rTM").doesNotContain("\"control\"").doesNotContain("stratum")
				.doesNotContain("block").doesNotContain("baseline-jaam");
	}

	/**
	 * Each default rule broken by one candidate gives 422 naming it, and consumes nothing: the next eligible patient
	 * gets slot 2, right after the first eligible one.
	 */
	@Test
	void eachFailedCriterionIs422AndConsumesNoSlot() {
		String study = trial.study(false);
		String first = trial.candidate();
		trial.randomize(TestRole.CLINICIAN, study, first).then().statusCode(200);

		assertIneligible(study, c -> c.sepsisCode = null, "sepsis");
		assertIneligible(study, c -> c.sepsisCode = "67406007", "sepsis"); // DIC is not sepsis
		assertIneligible(study, c -> c.jaam = 3, "jaam-dic");
		assertIneligible(study, c -> c.jaamAt = Instant.now().minusSeconds(25 * 3600), "jaam-dic");
		assertIneligible(study, c -> c.birthDate = LocalDate.now().minusYears(17), "adult");
		assertIneligible(study, c -> c.consent = false, "consent");
		// enrolled by hand, without randomization (randomized already is a replay: see below)
		String enrolledByHand = trial.candidate();
		trial.admin.create().resource(org.trialfhir.support.TrialFixtures.subject(study, enrolledByHand, "control",
				Instant.now())).execute();
		expect422(trial.randomize(TestRole.CLINICIAN, study, enrolledByHand), "not-enrolled");

		ResearchSubject next = parse(trial.randomize(TestRole.CLINICIAN, study, trial.candidate()));
		assertThat(EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> s.subject() != null))
				.extracting(SlotRow::sequence, SlotRow::subject)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(1, slotOf(study, first).subject()),
						org.assertj.core.groups.Tuple.tuple(2, next.getIdElement().getIdPart()));
	}

	/**
	 * A retry after a lost response (same patient, same study) gets the subject it was allocated back — 200, the same
	 * version, nothing allocated, audited as a replay — also once the study has closed to accrual.
	 */
	@Test
	void aRetryAfterALostResponseReturnsTheAllocatedSubjectAndAllocatesNothing() {
		String study = trial.study(false);
		String patient = trial.candidate();
		ResearchSubject first = parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		List<SlotRow> slotsAfterFirst = EnrolmentFixtures.slots(jdbc, study);

		Response retry = trial.randomize(TestRole.CLINICIAN, study, patient);

		retry.then().statusCode(200).body("resourceType", equalTo("ResearchSubject"));
		assertSameSubject(parse(retry), first);
		assertThat(EnrolmentFixtures.slots(jdbc, study)).isEqualTo(slotsAfterFirst); // none used, none generated
		String slot = study + " allocation slot " + slotsAfterFirst.get(0).id();
		assertThat(allocationEvents(first)).extracting(AuditEvent::getOutcomeDesc).containsExactlyInAnyOrder(
				"allocated " + slot,
				"replay: already allocated " + slot + "; that subject was returned, nothing allocated");

		ResearchStudy closed = trial.admin.read().resource(ResearchStudy.class).withId(study).execute();
		trial.admin.update().resource(closed.setStatus(ResearchStudy.ResearchStudyStatus.CLOSEDTOACCRUAL)).execute();
		assertSameSubject(parse(trial.randomize(TestRole.CLINICIAN, study, patient)), first);
		assertThat(EnrolmentFixtures.slots(jdbc, study)).isEqualTo(slotsAfterFirst);
	}

	@Test
	void aReplayInABlindedStudyIsMaskedAsTheFirstAnswerWas() {
		String study = trial.study(true);
		String patient = trial.candidate();
		ResearchSubject first = parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		ResearchSubject replayed = parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		assertThat(first.hasAssignedArm()).isFalse();
		assertThat(replayed.getIdElement().getIdPart()).isEqualTo(first.getIdElement().getIdPart());
		assertThat(replayed.hasAssignedArm()).isFalse();
		assertThat(replayed.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("MASKED");
	}

	@Test
	void aScreeningRecordOfThePatientIsCompletedRatherThanDuplicated() {
		String study = trial.study(false);
		String patient = trial.candidate();
		ResearchSubject screening = new ResearchSubject().setStatus(ResearchSubject.ResearchSubjectStatus.SCREENING)
				.setStudy(new org.hl7.fhir.r4.model.Reference(study))
				.setIndividual(new org.hl7.fhir.r4.model.Reference(patient));
		String screeningId = trial.admin.create().resource(screening).execute().getId().getIdPart();

		ResearchSubject randomized = parse(trial.randomize(TestRole.CLINICIAN, study, patient));
		assertThat(randomized.getIdElement().getIdPart()).isEqualTo(screeningId);
		assertThat(randomized.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		assertThat(randomized.getAssignedArm()).isEqualTo(slotOf(study, patient).arm());
		assertThat(slotOf(study, patient).subject()).isEqualTo(screeningId);
		Bundle subjects = trial.admin.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.INDIVIDUAL.hasId(patient)).returnBundle(Bundle.class).execute();
		assertThat(subjects.getEntry()).hasSize(1);
	}

	@Test
	void theSiteComesFromTheManagingOrganizationOrFromTheParameter() {
		String study = trial.study(false);
		String unmanaged = trial.candidate(c -> c.managedBySite = false);
		Response noSite = trial.randomize(TestRole.CLINICIAN, study, unmanaged);
		noSite.then().statusCode(400).body("issue[0].expression[0]", equalTo("Parameters.parameter.where(name = 'site')"));
		trial.randomize(TestRole.CLINICIAN, study, unmanaged, "no-such-site-" + System.nanoTime(), null)
				.then().statusCode(400).body("issue[0].diagnostics", containsString("No Organization"));
		trial.randomize(TestRole.CLINICIAN, study, unmanaged, trial.site, null).then().statusCode(200);
		assertThat(slotOf(study, unmanaged).stratum()).isEqualTo("site=" + trial.site + "|baseline-jaam=lt6");

		String managed = trial.candidate();
		trial.randomize(TestRole.CLINICIAN, study, managed, "site-b", null).then().statusCode(400)
				.body("issue[0].diagnostics", containsString("contradicts"));
		trial.randomize(TestRole.CLINICIAN, study, managed, null, 7).then().statusCode(400) // on record: 5
				.body("issue[0].diagnostics", containsString("contradicts the latest screening JAAM DIC score 5"));
		assertThat(EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> managed.endsWith("/" + s.patient())))
				.isEmpty();
	}

	@Test
	void theLatestScreeningScoreDecidesTheJaamStratum() {
		String study = trial.study(false);
		String high = trial.candidate(c -> c.jaam = 6); // '≥ 6'
		trial.randomize(TestRole.CLINICIAN, study, high).then().statusCode(200);
		assertThat(slotOf(study, high).stratum()).isEqualTo("site=" + trial.site + "|baseline-jaam=ge6");
	}

	@Test
	void aStudyStratifiedBySiteOnlyWithATwoToOneRatioFillsBlocksOfThreeOrSix() {
		String study = trial.study(false, s -> {
			s.getArm().get(0).addExtension(StudyDesign.ALLOCATION_RATIO_EXTENSION,
					new org.hl7.fhir.r4.model.PositiveIntType(2));
			s.addExtension(StudyDesign.STRATIFICATION_FACTOR_EXTENSION, new org.hl7.fhir.r4.model.CodeType("site"));
		});
		for (int jaam : new int[] {4, 7, 5, 8, 6, 4, 7}) { // both JAAM strata of the default: one list here
			trial.randomize(TestRole.CLINICIAN, study, trial.candidate(c -> c.jaam = jaam)).then().statusCode(200);
		}
		List<SlotRow> slots = EnrolmentFixtures.slots(jdbc, study);
		assertThat(slots).extracting(SlotRow::stratum).containsOnly("site=" + trial.site);
		assertThat(slots.stream().filter(s -> s.subject() != null)).hasSize(7);
		slots.stream().collect(java.util.stream.Collectors.groupingBy(SlotRow::block)).values().forEach(block -> {
			assertThat(block.get(0).blockSize()).isIn(3, 6).isEqualTo(block.size());
			assertThat(block.stream().filter(s -> s.arm().equals("rTM"))).hasSize(2 * block.size() / 3);
		});
	}

	@Test
	void onlyAnActiveStudyEnrols() {
		String closed = trial.study(false, s -> s.setStatus(
				org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus.CLOSEDTOACCRUAL));
		expect422(trial.randomize(TestRole.CLINICIAN, closed, trial.candidate()), "not open for accrual");
		trial.randomize(TestRole.CLINICIAN, "ResearchStudy/no-such-study", trial.candidate()).then().statusCode(404);
		trial.randomize(TestRole.CLINICIAN, trial.study(false), "Patient/no-such-patient").then().statusCode(400);
	}

	@Test
	void onlyRolesWithTheRandomizeScopeMayEnrol() {
		String study = trial.study(false);
		for (TestRole role : List.of(TestRole.EHR, TestRole.RESEARCH, TestRole.INVESTIGATOR, TestRole.AUDITOR)) {
			trial.randomize(role, study, trial.candidate()).then().statusCode(403);
		}
		assertThat(EnrolmentFixtures.slots(jdbc, study)).isEmpty();
		trial.randomize(TestRole.ADMIN, study, trial.candidate()).then().statusCode(200);
	}

	private void assertIneligible(String study, Consumer<Candidate> change, String criterion) {
		List<SlotRow> before = EnrolmentFixtures.slots(jdbc, study);
		String patient = trial.candidate(change);
		expect422(trial.randomize(TestRole.CLINICIAN, study, patient), "[" + criterion + "]");
		assertThat(EnrolmentFixtures.slots(jdbc, study)).isEqualTo(before);
		// screened: one record of the patient in the study, ineligible, naming the criterion; no arm, no T0
		Bundle subjects = trial.admin.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.INDIVIDUAL.hasId(patient)).returnBundle(Bundle.class).execute();
		assertThat(subjects.getEntry()).hasSize(1);
		ResearchSubject record = (ResearchSubject) subjects.getEntryFirstRep().getResource();
		assertThat(record.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.INELIGIBLE);
		assertThat(record.getExtensionsByUrl(RandomizeExecutor.FAILED_CRITERION))
				.extracting(e -> e.getValue().primitiveValue()).containsExactly(criterion);
		assertThat(record.hasAssignedArm()).isFalse();
		assertThat(record.hasPeriod()).isFalse();
	}

	private static void assertSameSubject(ResearchSubject replayed, ResearchSubject first) {
		assertThat(replayed.getIdElement().getIdPart()).isEqualTo(first.getIdElement().getIdPart());
		assertThat(replayed.getMeta().getVersionId()).isEqualTo(first.getMeta().getVersionId()); // not written again
		assertThat(replayed.getAssignedArm()).isEqualTo(first.getAssignedArm());
		assertThat(replayed.getPeriod().getStart()).isEqualTo(first.getPeriod().getStart());
	}

	/** The trial's own allocation audit records of a subject (not the request's audit record). */
	private List<AuditEvent> allocationEvents(ResearchSubject subject) {
		Bundle events = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.where(AuditEvent.ENTITY.hasId(subject.getIdElement().toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).execute();
		return events.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.filter(e -> e.getEntity().stream().anyMatch(entity -> "allocation slot".equals(entity.getName())))
				.toList();
	}

	private static void expect422(Response response, String text) {
		response.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].code", equalTo("business-rule"))
				.body("issue[0].diagnostics", containsString(text));
	}

	private SlotRow slotOf(String study, String patient) {
		return EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> patient.equals("Patient/" + s.patient()))
				.findFirst().orElseThrow();
	}

	static ResearchSubject parse(Response response) {
		response.then().statusCode(200);
		return FhirTestClient.context().newJsonParser().parseResource(ResearchSubject.class, response.asString());
	}
}
