package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.ingest.pull.hospital.Faults.Target.OBSERVATION_PAGES;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Every fault of the hospital is survived with nothing lost and nothing duplicated: the result always equals the
 * fault-free one of HospitalFixtures (two patients: fetched 36, created 32, rejected 2, malformed 2).
 */
@TrialFhirServerTest
class PullFaultsIT {

	static final Instant T0 = Instant.parse("2026-02-10T08:00:00Z");
	static final Counts FAULT_FREE = new Counts(36, 32, 0, 0, 2, 2, List.of());

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Autowired
	MeterRegistry meters;

	@Autowired
	IInterceptorService interceptors;

	IGenericClient fhir;
	PullScenario scenario;
	FakeHospital hospital;
	String mrnSystem;
	EhrSource source;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "faults", 2, T0);
		hospital = scenario.hospital;
		mrnSystem = scenario.mrnSystem;
		source = scenario.source();
	}

	@AfterEach
	void tearDown() {
		scenario.close();
	}

	@Test
	void serverErrorsAreRetried() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.serverError(500), Faults.serverError(503),
				Faults.serverError(502));
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(3);
		assertThat(retries("server-error")).isEqualTo(3);
	}

	@Test
	void tooManyRequestsIsRetriedAfterTheServersDelay() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.tooManyRequests(Duration.ofSeconds(1)));
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(1);
		assertThat(retries("rate-limited")).isEqualTo(1);
	}

	@Test
	void aResponseSlowerThanTheTimeoutIsRetried() {
		register(new EhrSource(source.name(), source.baseUrl(), mrnSystem, null, null, 5, Duration.ofSeconds(3),
				null, null, PullTesting.FAST_RETRY, null));
		hospital.faults.next(OBSERVATION_PAGES, Faults.pass(), Faults.slow(Duration.ofSeconds(9)));
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(1);
		assertThat(retries("timeout")).isEqualTo(1);
	}

	@Test
	void aMalformedPageIsFetchedAgain() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.pass(), Faults.malformed());
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(1);
		assertThat(retries("malformed")).isEqualTo(1);
	}

	@Test
	void aConnectionDroppedMidPageIsRetried() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.pass(), Faults.drop());
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(1);
	}

	@Test
	void everyKindOfFaultInOnePull() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.serverError(500), Faults.pass(),
				Faults.tooManyRequests(Duration.ofSeconds(1)), Faults.pass(), Faults.malformed(), Faults.pass(),
				Faults.drop(), Faults.pass(), Faults.serverError(503));
		assertThat(PullTesting.pull(port, source.name())).isEqualTo(FAULT_FREE);
		assertSurvived(5);
	}

	@Test
	void aSourceFailingBeyondTheRetriesIsResumedByTheNextPullWithoutLossOrDuplicates() {
		// the third page request fails on every attempt: the first subject stops after its second page, before
		// its malformed resource (third page); the second subject's is seen
		hospital.faults.next(OBSERVATION_PAGES, Faults.pass(), Faults.pass(), Faults.serverError(500),
				Faults.serverError(500), Faults.serverError(500), Faults.serverError(500), Faults.serverError(500));
		Counts broken = PullTesting.pull(port, source.name());
		assertThat(broken.errors()).isEqualTo(1 + 1); // the failed subject, and one malformed resource
		assertThat(broken.notes()).anySatisfy(note -> assertThat(note).contains("server-error, 5 attempts"));
		assertThat(broken.created()).isLessThan(32);

		Counts resumed = PullTesting.pull(port, source.name());

		assertThat(broken.created() + resumed.created()).isEqualTo(32);
		assertThat(resumed.updated()).isZero();
		assertNothingDuplicated();
	}

	@Test
	void aPullThatDiesMidwayIsCompletedExactlyByTheNextOne() {
		// 7 creates commit, the 8th fails as if the server died: in the middle of the first subject's second page
		StorageCrash crash = new StorageCrash(hospital.baseUrl() + "/Observation", 7);
		interceptors.registerInterceptor(crash);
		Counts died;
		try {
			died = PullTesting.pull(port, source.name());
		} finally {
			interceptors.unregisterInterceptor(crash);
		}
		assertThat(died.created()).isEqualTo(7);
		assertThat(died.notes()).anySatisfy(note -> assertThat(note).contains("simulated crash"));

		Counts restarted = PullTesting.pull(port, source.name());

		assertThat(restarted.created()).isEqualTo(32 - 7);
		assertThat(restarted.updated()).isZero();
		assertThat(restarted.rejected()).isEqualTo(2);
		assertNothingDuplicated();
	}

	@Test
	void aTransientConflictOfOurStorageIsRetriedAndTheResourceStored() {
		// 412 twice for one reading (HAPI does not retry a 412 itself): stored at the pull's third attempt
		StorageConflicts conflicts = new StorageConflicts(pulledIdentifier(scenario.heartRates.get(0).get(4)), 2,
				() -> new PreconditionFailedException("injected 412"));
		assertThat(pullWith(conflicts)).isEqualTo(FAULT_FREE);
		assertThat(conflicts.thrown()).isEqualTo(2);
		assertNothingDuplicated();
	}

	@Test
	void aConflictOutlastingTheRetriesLeavesTheCursorSoTheNextPullStoresTheResource() {
		// 409 on every attempt, HAPI's own retries of a 409 included; later pages of the subject would move its
		// cursor past the reading if it were skipped
		StorageConflicts conflicts = new StorageConflicts(pulledIdentifier(scenario.heartRates.get(0).get(4)),
				Integer.MAX_VALUE, () -> new ResourceVersionConflictException("injected 409"));
		Counts first = pullWith(conflicts);
		assertThat(first.created()).isLessThan(32);
		assertThat(first.notes()).anySatisfy(note -> assertThat(note)
				.contains(hospital.baseUrl() + "/Observation/" + scenario.heartRates.get(0).get(4))
				.contains("409").contains("left for the next pull"));

		Counts second = PullTesting.pull(port, source.name());

		assertThat(first.created() + second.created()).isEqualTo(32);
		assertThat(second.updated()).isZero();
		assertNothingDuplicated();
	}

	private Counts pullWith(Object interceptor) {
		interceptors.registerInterceptor(interceptor);
		try {
			return PullTesting.pull(port, source.name());
		} finally {
			interceptors.unregisterInterceptor(interceptor);
		}
	}

	private Identifier pulledIdentifier(String hospitalId) {
		return new Identifier().setSystem(hospital.baseUrl() + "/Observation").setValue(hospitalId);
	}

	private void assertSurvived(int faults) {
		assertThat(hospital.faults.injected()).isEqualTo(faults);
		assertNothingDuplicated();
	}

	private void assertNothingDuplicated() {
		List<Observation> stored = PullTesting.fetchAllFrom(fhir, hospital);
		assertThat(stored).hasSize(32);
		assertThat(stored).extracting(o -> o.getIdentifierFirstRep().getValue()).doesNotHaveDuplicates();
		assertThat(stored).allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
	}

	private double retries(String fault) {
		var counter = meters.find("trialfhir.ingest.pull.retries").tags("source", source.name(), "fault", fault)
				.counter();
		return counter == null ? 0 : counter.count();
	}

	private void register(EhrSource replacement) {
		scenario.register(replacement);
		source = replacement;
	}
}
