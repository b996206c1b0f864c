package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.HospitalFixtures;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.randomization.EnrolmentFixtures;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerProcess;
import org.trialfhir.support.Simultaneous;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFixtures;

/**
 * Two server processes (the packaged jar) on one PostgreSQL, as several instances behind a load balancer: what must
 * happen once — a slot claim, a scheduled pull, a queued re-derivation, an audit record — happens once, whichever
 * instance is asked or runs it. The instances share only the database, a signing key and an issuer.
 */
class TwoInstancesIT {

	static final String ISSUER = "http://trialfhir.cluster.test";
	static final String SOURCE = "cluster-hospital";
	static final Instant PULL_T0 = Instant.parse("2026-04-10T08:00:00Z");
	static final LocalDate BIRTH_DATE = LocalDate.of(1960, 1, 1);

	/** Secrets of this run only: neither short nor published. */
	static final String ADMIN_SECRET = "admin-" + UUID.randomUUID();
	static final String AUDITOR_SECRET = "auditor-" + UUID.randomUUID();

	static EmbeddedPostgres postgres;
	static JdbcTemplate jdbc;
	static FakeHospital hospital;
	static final String MRN_SYSTEM = EnrolledSubjects.newMrnSystem();
	static final List<ServerProcess> servers = new ArrayList<>();
	static String adminToken;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		hospital = FakeHospital.start();
		// each page of a pull takes half a second: two pulls of one tick would overlap at the hospital
		hospital.faults.always(Faults.Target.OBSERVATION_PAGES, Faults.slow(Duration.ofMillis(500)));
		for (String name : List.of("instance-1", "instance-2")) {
			servers.add(ServerProcess.start(name, arguments(name)));
		}
		// the second start waits for the first (StartupLock); on a loaded machine one start has taken ten minutes
		Instant deadline = Instant.now().plus(Duration.ofMinutes(25));
		for (ServerProcess server : servers) {
			server.awaitHealthy(Duration.between(Instant.now(), deadline));
		}
		// a token of the first instance, used on both: same key, same issuer
		adminToken = Tokens.fetch(first().port(), "cluster-admin", ADMIN_SECRET, null);
	}

	@AfterAll
	static void stopEverything() throws Exception {
		for (ServerProcess server : servers) {
			server.close();
		}
		if (hospital != null) {
			hospital.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void sixteenConcurrentRandomizationsSplitAcrossBothInstancesTakeSixteenDistinctSlots() throws Exception {
		EnrolmentFixtures trial = new EnrolmentFixtures(first().port(), fhir(first()));
		String study = trial.study(false);
		List<String> patients = IntStream.range(0, 16).mapToObj(i -> trial.candidate()).toList();

		List<Response> answers = Simultaneous.send(IntStream.range(0, patients.size())
				.<Callable<Response>>mapToObj(i -> () -> EnrolmentFixtures.randomize(http(server(i)), study, patients.get(i)))
				.toList());

		assertThat(answers).extracting(Response::statusCode).containsOnly(200);
		List<ResearchSubject> subjects = answers.stream().map(answer -> FhirTestClient.context().newJsonParser()
				.parseResource(ResearchSubject.class, answer.asString())).toList();
		List<SlotRow> used = EnrolmentFixtures.slots(jdbc, study).stream().filter(s -> s.subject() != null).toList();
		// one stratum (one site, JAAM 5), used from the top without gaps or repeats, one slot per subject
		assertThat(used).extracting(SlotRow::stratum).containsOnly("site=" + trial.site + "|baseline-jaam=lt6");
		assertThat(used).extracting(SlotRow::sequence).containsExactlyElementsOf(
				IntStream.rangeClosed(1, 16).boxed().toList());
		assertThat(used).extracting(SlotRow::subject).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(subjects.stream().map(s -> s.getIdElement().getIdPart()).toList());
		Map<String, String> armOfSubject = used.stream().collect(Collectors.toMap(SlotRow::subject, SlotRow::arm));
		assertThat(subjects).allSatisfy(s -> assertThat(s.getAssignedArm())
				.isEqualTo(armOfSubject.get(s.getIdElement().getIdPart())));
	}

	@Test
	void aQueuedReDerivationIsDoneOnceByTheTwoWorkers() {
		Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
		String study = create(fhir(first()), TrialFixtures.study("cluster re-derivation"));
		List<String> patients = new ArrayList<>();
		List<String> subjects = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			IGenericClient fhir = fhir(server(i));
			String patient = create(fhir, TrialFixtures.patient("cluster-" + UUID.randomUUID(), BIRTH_DATE));
			patients.add(patient);
			subjects.add(new IdType(create(fhir, TrialFixtures.subject(study, patient, "control", t0))).getIdPart());
		}
		// the subjects' own writes queued their patients, and earlier tests' writes theirs: let the workers finish
		await().atMost(Duration.ofSeconds(120)).until(() -> queued() == 0);
		double before = rederivations();

		// one transaction: sixteen patients queued at once, each to be re-derived by one of the two workers
		Bundle labs = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (String patient : patients) {
			labs.addEntry().setResource(TrialFixtures.lab(patient, "777-3", 4.0, "10*4/uL", t0.plusSeconds(7200)))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		fhir(second()).transaction().withBundle(labs).execute();
		await().atMost(Duration.ofSeconds(120)).until(() -> queued() == 0 && rederivations() - before >= 16);

		assertThat(rederivations() - before).as("re-derivations by both workers").isEqualTo(16);
		// platelets 4.0 x10^4/uL = 40 x10^9/L: SOFA coagulation 20 <= 40 < 50 -> 3, the only component with data
		IGenericClient reader = fhir(first());
		assertThat(subjects).allSatisfy(subject -> assertThat(reader.read().resource(Observation.class)
				.withId("ds-" + subject + "-sofa-1").execute().getValueIntegerType().getValue()).isEqualTo(3));
	}

	@Test
	void aScheduledPullRunsOnOneInstanceAtATime() {
		List<EnrolledSubjects.Subject> enrolled = EnrolledSubjects.on(fhir(first())).mrnSystem(MRN_SYSTEM).t0(PULL_T0).enrol(2);
		for (EnrolledSubjects.Subject subject : enrolled) {
			HospitalFixtures.chart(hospital, MRN_SYSTEM, subject.mrn(), PULL_T0);
		}
		HospitalFixtures.bystander(hospital, MRN_SYSTEM, PULL_T0);

		// both instances run the source's cron (every 2 s); each has pulled, and on some tick one found the other busy
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
				.until(() -> hospital.auth.callsByToken().keySet().containsAll(List.of("instance-1", "instance-2"))
						&& pullRuns("busy") >= 1 && storedFromHospital() == 2 * HospitalFixtures.CREATED);

		assertThat(hospital.inFlight.peak()).as("requests the hospital served at once").isEqualTo(1);
		assertThat(storedFromHospital()).as("each reading stored once").isEqualTo(2 * HospitalFixtures.CREATED);
	}

	@Test
	void everyRequestToEitherInstanceBecomesExactlyOneAuditEvent() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> probes = IntStream.range(0, 300).mapToObj(i -> "Patient/audit-probe-" + run + "-" + i).toList();
		List<Response> answers = Simultaneous.send(IntStream.range(0, probes.size())
				.<Callable<Response>>mapToObj(i -> () -> http(server(i)).get("/" + probes.get(i))).toList());
		assertThat(answers).extracting(Response::statusCode).containsOnly(404);

		// every audit record of every test so far published (none set aside), each by one of the two publishers and
		// counted once. Read together and awaited: a record of a request still under way when the outbox was seen
		// empty (a health probe, a token fetch) may be stored after the metric was read; equality must still come.
		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			assertThat(jdbc.queryForObject("SELECT count(*) FROM trialfhir_audit_outbox", Long.class)).isZero();
			assertThat(metric("trialfhir_audit_published_total")).as("audit records stored by both publishers")
					.isEqualTo(jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'AuditEvent' "
							+ "AND fhir_id LIKE 'audit-%'", Double.class));
		});

		IGenericClient auditor = FhirTestClient.withToken(second().port(),
				Tokens.fetch(first().port(), "cluster-auditor", AUDITOR_SECRET, null));
		Bundle found = auditor.search().forResource(AuditEvent.class).usingStyle(SearchStyleEnum.POST)
				.where(new TokenClientParam("entity-resource").exactly().codes(probes))
				.count(1000).returnBundle(Bundle.class).execute();
		Map<String, List<AuditEvent>> byProbe = found.getEntry().stream().map(e -> (AuditEvent) e.getResource())
				.collect(Collectors.groupingBy(e -> e.getEntityFirstRep().getWhat().getIdentifier().getValue()));
		assertThat(byProbe.keySet()).containsExactlyInAnyOrderElementsOf(probes);
		assertThat(byProbe.values()).allSatisfy(events -> assertThat(events).singleElement()
				.satisfies(event -> assertThat(event.getMeta().getVersionId()).as("stored once").isEqualTo("1")));
	}

	@Test
	void aSearchStartedOnOneInstanceIsPagedOnTheOther() {
		String system = "http://cluster-paging-" + UUID.randomUUID() + ".example/mrn";
		Set<String> created = IntStream.range(0, 6).mapToObj(i -> {
			Patient patient = TrialFixtures.patient("p" + i, BIRTH_DATE);
			patient.getIdentifierFirstRep().setSystem(system);
			return create(fhir(server(i)), patient);
		}).collect(Collectors.toSet());

		Bundle page = fhir(first()).search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.hasSystemWithAnyCode(system)).count(2).returnBundle(Bundle.class).execute();
		Set<String> seen = new HashSet<>();
		for (int n = 0; page != null; n++) {
			page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().toUnqualifiedVersionless()
					.getValue()));
			Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
			// the load balancer sends each next page to the other instance
			ServerProcess other = server(n + 1);
			page = next == null ? null : fhir(other).loadPage()
					.byUrl(next.getUrl().replaceFirst("//localhost:\\d+/", "//localhost:" + other.port() + "/"))
					.andReturnBundle(Bundle.class).execute();
		}
		assertThat(seen).isEqualTo(created);
	}

	private static List<String> arguments(String name) throws Exception {
		Path signingKey = Path.of(TwoInstancesIT.class.getResource("/security/test-signing-key.pem").toURI());
		return List.of(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres",
				"--trialfhir.security.signing-key=file:" + signingKey,
				"--trialfhir.security.issuer=" + ISSUER,
				"--trialfhir.security.clients.cluster-admin.secret=" + ADMIN_SECRET,
				"--trialfhir.security.clients.cluster-admin.scopes[0]=system/*.cruds",
				"--trialfhir.security.clients.cluster-admin.scopes[1]=system/*.$randomize",
				"--trialfhir.security.clients.cluster-auditor.secret=" + AUDITOR_SECRET,
				"--trialfhir.security.clients.cluster-auditor.scopes[0]=user/AuditEvent.rs",
				"--trialfhir.scoring.recompute.delay=300ms",
				"--trialfhir.scoring.recompute.poll-interval=200ms",
				"--trialfhir.ehr.sources[0].name=" + SOURCE,
				"--trialfhir.ehr.sources[0].base-url=" + hospital.baseUrl(),
				"--trialfhir.ehr.sources[0].patient-identifier-system=" + MRN_SYSTEM,
				"--trialfhir.ehr.sources[0].schedule=*/2 * * * * *",
				// a static token naming the instance: the hospital counts its calls per token, so per instance
				"--trialfhir.ehr.sources[0].auth.type=bearer",
				"--trialfhir.ehr.sources[0].auth.token=" + name);
	}

	private static ServerProcess first() {
		return servers.get(0);
	}

	private static ServerProcess second() {
		return servers.get(1);
	}

	/** The instance the load balancer sends request {@code i} to: alternately one and the other. */
	private static ServerProcess server(int i) {
		return servers.get(i % 2);
	}

	private static IGenericClient fhir(ServerProcess server) {
		return FhirTestClient.withToken(server.port(), adminToken);
	}

	private static RequestSpecification http(ServerProcess server) {
		return FhirTestClient.anonymousHttp(server.port()).header("Authorization", "Bearer " + adminToken);
	}

	private static String create(IGenericClient fhir, Resource resource) {
		return fhir.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private static long queued() {
		Long rows = jdbc.queryForObject("SELECT count(*) FROM trialfhir_rederive_queue", Long.class);
		return rows == null ? 0 : rows;
	}

	private static int storedFromHospital() {
		return fhir(first()).search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.hasSystemWithAnyCode(hospital.baseUrl() + "/Observation"))
				.summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute().getTotal();
	}

	/** Patients re-derived successfully, summed over both instances. */
	private static double rederivations() {
		return metric("trialfhir_scoring_rederivations_total{result=\"done\"}");
	}

	/** Runs of the scheduled source with this result, summed over both instances. */
	private static double pullRuns(String result) {
		return metric("trialfhir_ingest_pull_runs_total{result=\"" + result + "\",source=\"" + SOURCE + "\"}");
	}

	/** One Prometheus series, summed over both instances (0 where absent). */
	private static double metric(String series) {
		double sum = 0;
		for (ServerProcess server : servers) {
			String text = FhirTestClient.anonymousHttp(server.port()).basePath("/")
					.header("Authorization", "Bearer " + adminToken).get("/actuator/prometheus")
					.then().statusCode(200).extract().asString();
			for (String line : text.split("\n")) {
				if (line.startsWith(series + " ")) {
					sum += Double.parseDouble(line.substring(series.length() + 1).trim());
				}
			}
		}
		return sum;
	}
}
