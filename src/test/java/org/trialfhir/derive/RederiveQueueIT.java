package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.derive.RederiveQueue.Change;
import org.trialfhir.derive.RederiveQueue.Claim;
import org.trialfhir.derive.RederiveQueue.Entry;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * The durable re-derivation queue: written with the input, coalesced, debounced with a bound (changes at given times),
 * removed only when up to date.
 */
@TrialFhirServerTest
class RederiveQueueIT {

	@LocalServerPort
	int port;

	@Autowired
	RederiveQueue queue;

	@Autowired
	RederiveWorker worker;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DaoRegistry daos;

	@Autowired
	ScoringProperties properties;

	/** Changes at given times, far in the future so that the running worker never finds their rows due. */
	private static final Instant T = Instant.parse("2100-01-01T00:00:00Z");
	private static final Duration DELAY = Duration.ofSeconds(2);

	@Test
	void eachChangeMovesTheDueTimeToDelayAfterItButNeverBeyondMaxDelayAfterTheFirst() {
		String patient = "debounce-" + UUID.randomUUID();
		Duration max = properties.recompute().maxDelay();
		assertThat(max).as("the test context keeps the default bound").isEqualTo(Duration.ofSeconds(30));
		try {
			queue.enqueue(List.of(new Change(patient, 100, 200)), DELAY, T);
			assertThat(due(patient)).isEqualTo(T.plusSeconds(2));

			// a write every second: each one waits for the next quiet 2 s
			for (int second = 1; second <= 27; second++) {
				queue.enqueue(List.of(new Change(patient, 100, 200)), DELAY, T.plusSeconds(second));
				assertThat(due(patient)).as("after the change at T + %d s", second).isEqualTo(T.plusSeconds(second + 2));
			}
			// a change at T + 28.5 s would wait until T + 30.5 s: the bound, 30 s after the first change, comes first
			queue.enqueue(List.of(new Change(patient, 300, 400)), DELAY, T.plusMillis(28_500));
			assertThat(due(patient)).isEqualTo(T.plusSeconds(30));
			queue.enqueue(List.of(new Change(patient, 300, 400)), DELAY, T.plusSeconds(29));
			assertThat(due(patient)).as("still bound by the first change").isEqualTo(T.plusSeconds(30));

			Map<String, Object> row = jdbc.queryForMap(
					"SELECT since_ms, until_ms, generation FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
			assertThat(row).containsEntry("since_ms", 100L).containsEntry("until_ms", 400L)
					.containsEntry("generation", 30L);
			assertThat(firstChange(patient)).isEqualTo(T);
		} finally {
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
		}
	}

	@Test
	void aHeldRowStaysHeldAndARetryKeepsItsBackoffWhenNewChangesArrive() {
		String held = "held-" + UUID.randomUUID();
		String retrying = "retrying-" + UUID.randomUUID();
		try {
			queue.enqueue(List.of(new Change(held, 100, 200)), RederivationHold.HELD, T);
			queue.enqueue(List.of(new Change(held, 300, 400)), DELAY, T.plusSeconds(1));
			assertThat(due(held)).as("until the bulk load releases it").isEqualTo(T.plus(RederivationHold.HELD));

			queue.enqueue(List.of(new Change(retrying, 100, 200)), DELAY);
			queue.failed(new Entry(retrying, 100, 200, 1, 0, Instant.now()), "injected", Duration.ofHours(1));
			Instant retryAt = due(retrying);
			queue.enqueue(List.of(new Change(retrying, 300, 400)), DELAY);
			assertThat(due(retrying)).as("a change does not shorten the backoff").isEqualTo(retryAt);
		} finally {
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id IN (?, ?)", held, retrying);
		}
	}

	@Test
	void writesOfAPatientKeepPushingItsRowUntilTheyStopAndThenItIsDerived() {
		worker.stop(); // the writes below must find the row still queued
		try {
			IGenericClient fhir = FhirTestClient.fhir(port);
			Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
			String study = fhir.create().resource(TrialFixtures.study("debounce")).execute().getId()
					.toUnqualifiedVersionless().getValue();
			String patient = fhir.create().resource(TrialFixtures.patient("debounce-" + UUID.randomUUID(),
					LocalDate.of(1960, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
			String subject = fhir.create().resource(TrialFixtures.subject(study, patient, "control", t0)).execute()
					.getId().getIdPart();
			Instant firstChange = firstChange(id(patient));
			Instant due = due(id(patient));

			for (int hour = 1; hour <= 3; hour++) {
				create(TrialFixtures.lab(patient, "777-3", 4.0 + hour, "10*4/uL", t0.plusSeconds(3600L * hour)));
				Instant previous = due;
				Instant moved = due(id(patient));
				Instant bound = firstChange.plus(properties.recompute().maxDelay());
				assertThat(firstChange(id(patient))).as("the first change is kept").isEqualTo(firstChange);
				assertThat(moved).as("due later after write %d, up to the bound", hour)
						.satisfiesAnyOf(m -> assertThat(m).isAfter(previous).isBefore(bound),
								m -> assertThat(m).isEqualTo(bound));
				due = moved;
			}

			worker.start();
			String sofaDay1 = DerivedScoreStore.resourceId(DerivedObservations.identifierValue(subject, "sofa", 1));
			Observation sofa = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
					.until(() -> derived(sofaDay1), derived -> derived != null);
			// the lowest platelets of day 1, 5.0 x10^4/uL = 50 x10^9/L: SOFA coagulation 50 <= x < 100 -> 2
			assertThat(sofa.getValueIntegerType().getValue()).isEqualTo(2);
			assertThat(rows(id(patient))).isZero();
		} finally {
			if (!worker.isRunning()) {
				worker.start();
			}
		}
	}

	@Test
	void aBurstIsOneRowAndARowChangedDuringADerivationStaysQueued() {
		String patient = "queue-" + UUID.randomUUID();
		queue.enqueue(List.of(new Change(patient, 100, 200)), Duration.ofHours(1));
		queue.enqueue(List.of(new Change(patient, 50, 150)), Duration.ofHours(1));
		Map<String, Object> row = jdbc.queryForMap(
				"SELECT since_ms, until_ms, generation FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
		assertThat(row).containsEntry("since_ms", 50L).containsEntry("until_ms", 200L).containsEntry("generation", 2L);
		assertThat(queue.done(new Entry(patient, 100, 200, 1, 0, Instant.now()))).as("derived from generation 1 only").isFalse();
		assertThat(queue.done(new Entry(patient, 50, 200, 2, 0, Instant.now()))).isTrue();
		assertThat(rows(patient)).isZero();
	}

	@Test
	void aRowChangedDuringItsDerivationFallsDueAgainOnlyAfterTheDelay() {
		String patient = "settle-" + UUID.randomUUID();
		worker.stop(); // this test plays the worker
		try {
			queue.enqueue(List.of(new Change(patient, 100, 200)), Duration.ZERO);
			Entry derived;
			try (Claim claim = queue.claim(patient).orElseThrow()) {
				derived = claim.entry();
			}
			queue.enqueue(List.of(new Change(patient, 300, 400)), Duration.ZERO); // a bundle during the derivation
			OffsetDateTime beforeDone = jdbc.queryForObject("SELECT now()", OffsetDateTime.class);

			assertThat(queue.done(derived)).isFalse();

			OffsetDateTime due = jdbc.queryForObject("SELECT due_at FROM trialfhir_rederive_queue WHERE patient_id = ?",
					OffsetDateTime.class, patient);
			assertThat(due).as("not due at once, as a new row would not be").isAfter(beforeDone);
			assertThat(firstChange(patient)).as("its changes came after the derivation read the row")
					.isEqualTo(derived.readAt());
			assertThat(due.toInstant()).isBeforeOrEqualTo(derived.readAt().plus(properties.recompute().maxDelay()));
		} finally {
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
			worker.start();
		}
	}

	@Test
	void aPatientWhoseReDerivationKeepsFailingIsListedInTheHealth() {
		String patient = "failing-" + UUID.randomUUID();
		queue.enqueue(List.of(new Change(patient, 100, 200)), Duration.ofHours(1)); // never due for the worker here
		try {
			queue.failed(new Entry(patient, 100, 200, 1, 0, Instant.now()), "fk_sp_token_res", Duration.ofHours(1));
			queue.failed(new Entry(patient, 100, 200, 1, 1, Instant.now()), "fk_sp_token_res again", Duration.ofHours(1));
			// ahead of any row another test left failing: the health lists the most attempts first
			jdbc.update("UPDATE trialfhir_rederive_queue SET attempts = attempts + 1000000 WHERE patient_id = ?", patient);

			RestAssured.given().port(port).get("/actuator/health").then().statusCode(200)
					.body("components.rederive.status", equalTo("UP"))
					.body("components.rederive.details.failing[0].patient", equalTo(patient))
					.body("components.rederive.details.failing[0].attempts", equalTo(1000002))
					.body("components.rederive.details.failing[0].lastError", equalTo("fk_sp_token_res again"));
		} finally {
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
		}
	}

	@Test
	void aPatientClaimedByOneWorkerIsSkippedByAnotherAndGoneOnceDone() {
		String patient = "claim-" + UUID.randomUUID();
		worker.stop(); // this test plays the workers
		try {
			queue.enqueue(List.of(new Change(patient, 100, 200)), Duration.ZERO);
			try (Claim first = queue.claim(patient).orElseThrow()) {
				assertThat(queue.claim(patient)).as("claimed by another worker").isEmpty();
				assertThat(queue.done(first.entry())).isTrue();
			}
			assertThat(queue.claim(patient)).as("done by the worker that read it first").isEmpty();

			queue.enqueue(List.of(new Change(patient, 100, 200)), Duration.ofHours(1));
			assertThat(queue.claim(patient)).as("not due yet").isEmpty();
		} finally {
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ?", patient);
			worker.start();
		}
	}

	@Test
	void anInputIsQueuedInItsOwnTransactionAndDrainedWhenTheWorkerStartsAgain() {
		worker.stop();
		try {
			IGenericClient fhir = FhirTestClient.fhir(port);
			Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
			String study = fhir.create().resource(TrialFixtures.study("queue")).execute().getId()
					.toUnqualifiedVersionless().getValue();
			String patient = fhir.create().resource(TrialFixtures.patient("queue-" + UUID.randomUUID(),
					LocalDate.of(1960, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
			String subject = fhir.create().resource(TrialFixtures.subject(study, patient, "control", t0)).execute()
					.getId().getIdPart();
			jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ?", id(patient));

			TransactionTemplate transaction = new TransactionTemplate(transactions);
			transaction.executeWithoutResult(status -> {
				create(TrialFixtures.lab(patient, "777-3", 3.0, "10*4/uL", t0.plusSeconds(7200)));
				status.setRollbackOnly();
			});
			assertThat(rows(id(patient))).as("a rolled-back write queues nothing").isZero();

			transaction.executeWithoutResult(status -> {
				create(TrialFixtures.lab(patient, "777-3", 4.0, "10*4/uL", t0.plusSeconds(7200)));
				assertThat(rows(id(patient))).as("written just before the commit").isZero();
			});
			assertThat(rows(id(patient))).as("queued with the committed write").isOne();

			String sofaDay1 = DerivedScoreStore.resourceId(DerivedObservations.identifierValue(subject, "sofa", 1));
			assertThat(derived(sofaDay1)).as("no worker running: not derived yet").isNull();

			worker.start();
			Observation sofa = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
					.until(() -> derived(sofaDay1), derived -> derived != null);
			// platelets 4.0 x10^4/uL = 40 x10^9/L: SOFA coagulation 20 <= 40 < 50 -> 3, the only component with data
			assertThat(sofa.getValueIntegerType().getValue()).isEqualTo(3);
			assertThat(rows(id(patient))).isZero();
		} finally {
			if (!worker.isRunning()) {
				worker.start();
			}
		}
	}

	private void create(Observation observation) {
		daos.getResourceDao(Observation.class).create(observation, new SystemRequestDetails());
	}

	private Observation derived(String id) {
		try {
			return FhirTestClient.fhir(port).read().resource(Observation.class).withId(id).execute();
		} catch (ResourceNotFoundException e) {
			return null;
		}
	}

	private Instant due(String patientId) {
		return jdbc.queryForObject("SELECT due_at FROM trialfhir_rederive_queue WHERE patient_id = ?",
				OffsetDateTime.class, patientId).toInstant();
	}

	private Instant firstChange(String patientId) {
		return jdbc.queryForObject("SELECT first_change_at FROM trialfhir_rederive_queue WHERE patient_id = ?",
				OffsetDateTime.class, patientId).toInstant();
	}

	private int rows(String patientId) {
		Integer n = jdbc.queryForObject("SELECT count(*) FROM trialfhir_rederive_queue WHERE patient_id = ?",
				Integer.class, patientId);
		return n == null ? 0 : n;
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}
}
