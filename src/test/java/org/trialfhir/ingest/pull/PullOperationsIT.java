package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.server.AdvisoryLock;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/** Running pulls in production: the per-source database lock, the schedule, metrics, and logs without secrets. */
@TrialFhirServerTest
@ExtendWith(OutputCaptureExtension.class)
class PullOperationsIT {

	static final Instant T0 = Instant.parse("2026-04-10T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Autowired
	PullLock locks;

	IGenericClient fhir;
	PullScenario scenario;
	FakeHospital hospital;
	String mrnSystem;
	EhrSource source;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "ops", 2, T0);
		hospital = scenario.hospital;
		mrnSystem = scenario.mrnSystem;
		source = scenario.source();
	}

	@AfterEach
	void tearDown() {
		scenario.close();
	}

	@Test
	void whileAnotherSessionHoldsTheSourcesLockAPullDoesNotTouchTheSource() {
		try (AdvisoryLock held = locks.tryLock(source.name()).orElseThrow()) {
			Counts busy = PullTesting.pull(port, source.name());
			assertThat(busy).isEqualTo(new Counts(0, 0, 0, 0, 0, 0, List.of(
					"another pull of this source is running (this or another server instance); not pulled now")));
			assertThat(hospital.faults.requests(Faults.Target.OBSERVATION_PAGES)).isZero();
		}
		assertThat(PullTesting.pull(port, source.name()).created()).isEqualTo(32);
	}

	@Test
	void aScheduledSourceIsPulledOnItsCron() {
		scenario.register(new EhrSource(source.name(), source.baseUrl(), mrnSystem, null, "*/2 * * * * *", 5,
				Duration.ofSeconds(5), null, null, PullTesting.FAST_RETRY, null));
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
				.until(() -> PullTesting.storedFrom(fhir, hospital) == 32);
		scenario.register(source); // back to manual: unscheduled
		assertThat(PullTesting.fetchAllFrom(fhir, hospital))
				.allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
	}

	@Test
	void pullMetricsAreOnThePrometheusEndpoint() {
		hospital.faults.next(Faults.Target.OBSERVATION_PAGES, Faults.serverError(503));
		PullTesting.pull(port, source.name());

		String metrics = FhirTestClient.http(port).basePath("/").get("/actuator/prometheus").then().statusCode(200)
				.extract().asString();
		String tag = "source=\"" + source.name() + "\"";
		assertThat(metrics)
				.contains("trialfhir_ingest_pull_resources_total{outcome=\"created\"," + tag + "} 32.0")
				.contains("trialfhir_ingest_pull_resources_total{outcome=\"rejected\"," + tag + "} 2.0")
				.contains("trialfhir_ingest_pull_retries_total{fault=\"server-error\"," + tag + "} 1.0")
				.contains("trialfhir_ingest_pull_runs_total{result=\"failed\"," + tag + "} 1.0") // 2 malformed
				.contains("trialfhir_ingest_pull_duration_seconds_count{" + tag + "} 1");
	}

	@Test
	void tokensAndSecretsNeverReachTheLogs(CapturedOutput output) {
		Logger ours = (Logger) LoggerFactory.getLogger("org.trialfhir");
		Level before = ours.getLevel();
		ours.setLevel(Level.DEBUG);
		try {
			hospital.auth.issuedTokens();
			hospital.tokens.registerSecretClient("trialfhir", "cc-secret-do-not-log");
			EhrAuth auth = new EhrAuth(EhrAuth.AuthType.CLIENT_CREDENTIALS, null, null, null, hospital.tokenUrl(),
					"trialfhir", "cc-secret-do-not-log", "system/Observation.rs", null, null, null, null, null, null);
			scenario.register(PullTesting.source(source.name(), hospital, mrnSystem, auth, null, null));
			hospital.faults.next(Faults.Target.OBSERVATION_PAGES, Faults.serverError(500));
			assertThat(PullTesting.pull(port, source.name()).created()).isEqualTo(32);

			EhrAuth wrong = new EhrAuth(EhrAuth.AuthType.CLIENT_CREDENTIALS, null, null, null, hospital.tokenUrl(),
					"trialfhir", "wrong-secret-do-not-log", null, null, null, null, null, null, null);
			scenario.register(PullTesting.source(source.name(), hospital, mrnSystem, wrong, null, null));
			Counts refused = PullTesting.pull(port, source.name());
			assertThat(refused.notes()).anySatisfy(note -> assertThat(note).contains("401 invalid_client"));
		} finally {
			ours.setLevel(before);
		}
		assertThat(output.getAll()).contains("EHR pull " + source.name()) // the capture works
				.contains("retrying in")
				.doesNotContain("cc-secret-do-not-log", "wrong-secret-do-not-log");
		assertThat(hospital.auth.tokensIssued()).hasSize(1)
				.allSatisfy(token -> assertThat(output.getAll()).doesNotContain(token));
	}
}
