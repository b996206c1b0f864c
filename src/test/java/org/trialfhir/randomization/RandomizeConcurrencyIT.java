package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/** Twenty enrolments at once in one stratum: twenty distinct slots, in list order, balanced within each full block. */
@TrialFhirServerTest
class RandomizeConcurrencyIT {

	static final int PATIENTS = 20;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void parallelRandomizationsNeverShareASlot() throws Exception {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		List<String> patients = IntStream.range(0, PATIENTS).mapToObj(i -> trial.candidate()).toList();

		ExecutorService pool = Executors.newFixedThreadPool(PATIENTS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> calls = new ArrayList<>();
		for (String patient : patients) {
			calls.add(pool.submit(() -> {
				start.await();
				return trial.randomize(TestRole.CLINICIAN, study, patient);
			}));
		}
		start.countDown();
		List<ResearchSubject> subjects = new ArrayList<>();
		for (Future<Response> call : calls) {
			subjects.add(RandomizeIT.parse(call.get(5, TimeUnit.MINUTES)));
		}
		pool.shutdown();

		List<SlotRow> used = EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> s.subject() != null).toList();
		// one stratum (same site, JAAM 5), its list used from the top without gaps, one slot per subject
		assertThat(used).extracting(SlotRow::stratum).containsOnly("site=" + trial.site + "|baseline-jaam=lt6");
		assertThat(used).extracting(SlotRow::sequence).containsExactlyElementsOf(
				IntStream.rangeClosed(1, PATIENTS).boxed().toList());
		assertThat(used).extracting(SlotRow::usedAt).isSorted(); // slots were taken one after another, in list order
		assertThat(used).extracting(SlotRow::subject).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(subjects.stream().map(s -> s.getIdElement().getIdPart()).toList());
		Map<String, String> armOfSubject = used.stream().collect(Collectors.toMap(SlotRow::subject, SlotRow::arm));
		assertThat(subjects).allSatisfy(s -> assertThat(s.getAssignedArm())
				.isEqualTo(armOfSubject.get(s.getIdElement().getIdPart())));

		// each completely used block (blocks of 2 or 4 at 1:1) holds as many rTM as control
		Map<Integer, List<SlotRow>> blocks = EnrolmentFixtures.slots(jdbc, study).stream()
				.collect(Collectors.groupingBy(SlotRow::block));
		long fullBlocks = blocks.values().stream().filter(b -> b.stream().allMatch(s -> s.subject() != null))
				.peek(b -> assertThat(b.stream().filter(s -> s.arm().equals("rTM")).count() * 2).isEqualTo(b.size()))
				.count();
		assertThat(fullBlocks).isGreaterThanOrEqualTo(PATIENTS / 4 - 1); // at most one block is still open
	}

	/** A double (here fivefold) submit: one subject and one slot, and every call answers with that subject. */
	@Test
	void parallelRandomizationsOfOnePatientEnrolItOnceAndAllReturnThatSubject() throws Exception {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		String patient = trial.candidate();
		ExecutorService pool = Executors.newFixedThreadPool(5);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(pool.submit(() -> {
				start.await();
				return trial.randomize(TestRole.CLINICIAN, study, patient);
			}));
		}
		start.countDown();
		List<ResearchSubject> subjects = new ArrayList<>();
		for (Future<Response> call : calls) {
			subjects.add(RandomizeIT.parse(call.get(5, TimeUnit.MINUTES)));
		}
		pool.shutdown();
		String subject = subjects.get(0).getIdElement().getIdPart();
		assertThat(subjects).allSatisfy(s -> assertThat(s.getIdElement().getIdPart()).isEqualTo(subject));
		assertThat(EnrolmentFixtures.slots(jdbc, study)).filteredOn(s -> s.subject() != null).singleElement()
				.satisfies(s -> {
					assertThat(s.sequence()).isEqualTo(1);
					assertThat(s.subject()).isEqualTo(subject);
				});
		assertThat(trial.admin.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.INDIVIDUAL.hasId(patient)).returnBundle(Bundle.class).execute().getEntry())
				.hasSize(1);
	}
}
