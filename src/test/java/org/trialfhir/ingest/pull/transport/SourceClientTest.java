package org.trialfhir.ingest.pull.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trialfhir.ingest.pull.hospital.Faults.Target.OBSERVATION_PAGES;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trialfhir.ingest.pull.HospitalFixtures;
import org.trialfhir.ingest.pull.PullTesting;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.ingest.pull.source.EhrSource;

/** One source client against the fake hospital, without our server: what each fault is taken for, and the waits. */
class SourceClientTest {

	static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
	static final String MRN_SYSTEM = "http://hospital.example/mrn";

	FakeHospital hospital;
	List<Duration> waits = new ArrayList<>();
	List<Fault> faults = new ArrayList<>();
	String patientId;

	@BeforeEach
	void start() {
		hospital = FakeHospital.start();
		HospitalFixtures.chart(hospital, MRN_SYSTEM, "mrn-1", T0);
		patientId = hospital.data.observations().get(0).getSubject().getReferenceElement().getIdPart();
	}

	@AfterEach
	void stop() {
		hospital.close();
	}

	@Test
	void tooManyRequestsWaitsExactlyTheRetryAfterTheHospitalSent() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.tooManyRequests(Duration.ofSeconds(1)));
		Bundle page = client(Duration.ofSeconds(5)).page(firstPage());
		assertThat(page.getEntry()).isNotEmpty();
		assertThat(faults).containsExactly(Fault.RATE_LIMITED);
		assertThat(waits).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void aRetryAfterBeyondTheCapIsCutToMaxRetryAfter() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.tooManyRequests(Duration.ofSeconds(7)));
		client(Duration.ofSeconds(5)).page(firstPage());
		assertThat(waits).containsExactly(PullTesting.FAST_RETRY.maxRetryAfter()); // 2 s
	}

	@Test
	void serverErrorsBackOffExponentiallyWithJitter() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.serverError(500), Faults.serverError(502),
				Faults.serverError(503));
		client(Duration.ofSeconds(5)).page(firstPage());
		assertThat(faults).containsExactly(Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
		// initial 50 ms doubled per attempt, each wait drawn from [d/2, d]: [25, 50], [50, 100], [100, 200]
		assertThat(waits.get(0).toMillis()).isBetween(25L, 50L);
		assertThat(waits.get(1).toMillis()).isBetween(50L, 100L);
		assertThat(waits.get(2).toMillis()).isBetween(100L, 200L);
	}

	@Test
	void aMalformedPageIsTakenForMalformed() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.malformed());
		client(Duration.ofSeconds(5)).page(firstPage());
		assertThat(faults).containsExactly(Fault.MALFORMED);
	}

	@Test
	void aDroppedConnectionIsTakenForAConnectionFault() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.drop());
		client(Duration.ofSeconds(5)).page(firstPage());
		assertThat(faults).containsExactly(Fault.CONNECTION);
	}

	@Test
	void aResponseSlowerThanTheTimeoutIsTakenForATimeout() {
		hospital.faults.next(OBSERVATION_PAGES, Faults.slow(Duration.ofSeconds(4)));
		client(Duration.ofMillis(1500)).page(firstPage());
		assertThat(faults).containsExactly(Fault.TIMEOUT);
	}

	@Test
	void theLastAttemptsFailureIsReportedWithItsFault() {
		hospital.faults.always(OBSERVATION_PAGES, Faults.serverError(500));
		assertThatThrownBy(() -> client(Duration.ofSeconds(5)).page(firstPage()))
				.isInstanceOf(SourceFailure.class)
				.hasMessageContaining("server-error, 5 attempts");
		assertThat(waits).hasSize(4); // five attempts, four waits
	}

	@Test
	void aClientErrorIsNotRetried() {
		assertThatThrownBy(() -> client(Duration.ofSeconds(5)).page("Observation?code=x")) // no patient: 400
				.isInstanceOf(SourceFailure.class)
				.hasMessageContaining("fatal, 1 attempt");
		assertThat(waits).isEmpty();
	}

	private String firstPage() {
		return "Observation?patient=" + patientId + "&_count=5";
	}

	private SourceClient client(Duration timeout) {
		EhrSource source = new EhrSource("unit", URI.create(hospital.baseUrl()), MRN_SYSTEM, null, null, 5, timeout,
				null, null, PullTesting.FAST_RETRY, null);
		return new SourceClient(source, Clock.systemUTC(), waits::add,
				(what, fault, attempt, wait, failure) -> faults.add(fault));
	}
}
