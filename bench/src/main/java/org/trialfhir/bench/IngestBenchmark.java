package org.trialfhir.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Ingest throughput of a running TrialFHIR against raw JDBC into the same PostgreSQL, in one run:
 * Observations/s through 100-entry transaction bundles, through single POSTs with 4 clients, and rows/s of a JDBC
 * batch insert (100 rows per batch) of the same JSON into a plain table. Prints one JSON line per round.
 *
 * <p>Arguments: fhirBase token jdbcUrl rounds observationsPerRound [serverPid postgresDataDirectory] — with the
 * last two, each load also reports the CPU milliseconds per Observation it cost the server and its PostgreSQL,
 * counted until the server is idle again (work it left behind, such as re-derivation, included).
 */
public final class IngestBenchmark {

	static final FhirContext CONTEXT = FhirContext.forR4();
	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		String jdbcUrl = args[2];
		int rounds = Integer.parseInt(args[3]);
		int perRound = Integer.parseInt(args[4]);
		// optional: the server's pid and its PostgreSQL data directory, for the CPU each load cost them
		ProcessCpu cpu = args.length > 6 ? new ProcessCpu(Long.parseLong(args[5]), Path.of(args[6])) : null;
		String patient = createPatient(base, token);
		IParser json = CONTEXT.newJsonParser();
		for (int round = 1; round <= rounds; round++) {
			List<Observation> observations = observations(patient, perRound, round);
			List<String> bodies = new ArrayList<>();
			observations.forEach(o -> bodies.add(json.encodeResourceToString(o)));

			double[] cpuStart = cpu == null ? null : cpu.seconds();
			double bundles = bundles(base, token, observations);
			double[] cpuBundles = settled(cpu);
			Map<String, Double> threadsBefore = cpu == null ? null : cpu.serverThreads();
			double singles = singlePosts(base, token, observations(patient, perRound / 2, round + 1000), 4);
			double[] cpuSingles = settled(cpu);
			String singleThreads = cpu == null ? "" : threadFields(threadsBefore, cpu.serverThreads(), perRound / 2);
			double jdbc = rawJdbc(jdbcUrl, bodies);
			System.out.printf(Locale.ROOT,
					"{\"round\":%d,\"observations\":%d,\"bundle100_per_s\":%.1f,\"single_post_4_clients_per_s\":%.1f,"
							+ "\"raw_jdbc_batch100_per_s\":%.1f,\"bundle_vs_jdbc\":%.4f,\"single_vs_jdbc\":%.4f%s%s}%n",
					round, perRound, bundles, singles, jdbc, bundles / jdbc, singles / jdbc,
					cpu == null ? "" : cpuFields(cpuStart, cpuBundles, perRound, cpuSingles, perRound / 2), singleThreads);
		}
	}

	/** CPU seconds [server, PostgreSQL] once the server is idle again, so what a load left behind counts for it. */
	static double[] settled(ProcessCpu cpu) throws Exception {
		if (cpu == null) {
			return null;
		}
		cpu.awaitIdle();
		return cpu.seconds();
	}

	/** Milliseconds of CPU per Observation of each load, for the server (JVM) and its PostgreSQL. */
	static String cpuFields(double[] start, double[] afterBundles, int bundled, double[] afterSingles, int posted) {
		return String.format(Locale.ROOT,
				",\"bundle_jvm_cpu_ms\":%.3f,\"bundle_pg_cpu_ms\":%.3f,\"single_jvm_cpu_ms\":%.3f,\"single_pg_cpu_ms\":%.3f",
				1000 * (afterBundles[0] - start[0]) / bundled, 1000 * (afterBundles[1] - start[1]) / bundled,
				1000 * (afterSingles[0] - afterBundles[0]) / posted, 1000 * (afterSingles[1] - afterBundles[1]) / posted);
	}

	/**
	 * The single POSTs' JVM CPU by group of threads, milliseconds per Observation, groups of at least 0.05 ms: which
	 * threads a server's CPU went to (request threads, garbage collection, the JIT, background workers).
	 */
	static String threadFields(Map<String, Double> before, Map<String, Double> after, int posted) {
		StringBuilder fields = new StringBuilder(",\"single_jvm_cpu_ms_by_threads\":{");
		after.entrySet().stream()
				.map(e -> Map.entry(e.getKey(), 1000 * (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / posted))
				.filter(e -> e.getValue() >= 0.05).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.forEach(e -> fields.append(String.format(Locale.ROOT, "\"%s\":%.2f,", e.getKey().replace("\"", ""),
						e.getValue())));
		if (fields.charAt(fields.length() - 1) == ',') {
			fields.setLength(fields.length() - 1);
		}
		return fields.append('}').toString();
	}

	static double bundles(String base, String token, List<Observation> observations) throws Exception {
		long start = System.nanoTime();
		for (int from = 0; from < observations.size(); from += 100) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (Observation observation : observations.subList(from, Math.min(from + 100, observations.size()))) {
				bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			post(base, token, CONTEXT.newJsonParser().encodeResourceToString(bundle), 200);
		}
		return observations.size() / seconds(start);
	}

	static double singlePosts(String base, String token, List<Observation> observations, int clients) throws Exception {
		List<String> bodies = new ArrayList<>();
		observations.forEach(o -> bodies.add(CONTEXT.newJsonParser().encodeResourceToString(o)));
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			workers.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < bodies.size()) {
					post(base + "/Observation", token, bodies.get(i), 201);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		double rate = bodies.size() / seconds(start);
		pool.shutdown();
		return rate;
	}

	static double rawJdbc(String jdbcUrl, List<String> bodies) throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TABLE IF NOT EXISTS bench_raw_observation (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)");
			}
			connection.setAutoCommit(false);
			long start = System.nanoTime();
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_raw_observation (body) VALUES (?)")) {
				for (int i = 0; i < bodies.size(); i++) {
					insert.setString(1, bodies.get(i));
					insert.addBatch();
					if ((i + 1) % 100 == 0 || i == bodies.size() - 1) {
						insert.executeBatch();
						connection.commit();
					}
				}
			}
			return bodies.size() / seconds(start);
		}
	}

	/** An enrolled patient, so every Observation is held to the trial profiles (when validation is on). */
	static String createPatient(String base, String token) throws Exception {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("http://bench.example/mrn").setValue("bench-" + System.nanoTime());
		patient.setBirthDate(new Date(0));
		String patientRef = create(base, token, patient);
		ResearchStudy study = new ResearchStudy();
		study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
		study.addArm().setName("rTM");
		study.addArm().setName("control");
		String studyRef = create(base, token, study);
		ResearchSubject subject = new ResearchSubject();
		subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		subject.setStudy(new Reference(studyRef));
		subject.setIndividual(new Reference(patientRef));
		subject.setAssignedArm("rTM");
		subject.setPeriod(new Period().setStart(Date.from(Instant.parse("2026-01-05T09:00:00Z"))));
		create(base, token, subject);
		return patientRef;
	}

	static String create(String base, String token, org.hl7.fhir.r4.model.Resource resource) throws Exception {
		HttpResponse<String> response = post(base + "/" + resource.fhirType(), token,
				CONTEXT.newJsonParser().encodeResourceToString(resource), 201);
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.substring(location.indexOf(resource.fhirType() + "/")).replaceAll("/_history/.*", "");
	}

	static List<Observation> observations(String patient, int count, int round) {
		List<Observation> list = new ArrayList<>();
		Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
		for (int i = 0; i < count; i++) {
			Observation o = new Observation();
			o.setStatus(Observation.ObservationStatus.FINAL);
			o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
			o.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
			o.setSubject(new Reference(patient));
			o.addIdentifier(new Identifier().setSystem("http://bench.example/obs").setValue(round + "-" + i + "-" + System.nanoTime()));
			o.setEffective(new DateTimeType(Date.from(t0.plusSeconds(60L * i))));
			o.setValue(new Quantity().setValue(new BigDecimal(60 + i % 80)).setSystem("http://unitsofmeasure.org").setCode("/min").setUnit("/min"));
			list.add(o);
		}
		Collections.shuffle(list, new java.util.Random(round));
		return list;
	}

	static HttpResponse<String> post(String url, String token, String body, int expected) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", "Bearer " + token)
				.header("Prefer", "return=minimal")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}
}
