package org.trialfhir.bench.derive;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.TrialFhirApplication;
import org.trialfhir.derive.StudyComputation;
import org.trialfhir.simulator.SimulateCommand;

/**
 * $derive-scores benchmark (bench/derive/README.md): a simulated trial of N subjects × D days in the server's own
 * PostgreSQL, then, per round, (1) one SQL scan streaming the stored JSON of every current Observation, Procedure and
 * MedicationAdministration (the rows a derivation reads), (2) the same scan parsing each row with HAPI's JSON parser,
 * (3) the same with a Jackson tree, and (4) {@link StudyComputation}: load (per subject one SQL query for the
 * inputs and one search for the stored derived scores), map and score every day with data of every subject, writing nothing.
 * Prints one JSON line per round.
 *
 * <p>Arguments: data directory (kept between runs: simulated bundles and the PostgreSQL data), subjects, days,
 * rounds.
 */
public final class DeriveBenchmark {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		int subjects = Integer.parseInt(args[1]);
		int days = Integer.parseInt(args[2]);
		int rounds = Integer.parseInt(args[3]);
		Path sim = data.resolve("sim-" + subjects + "x" + days);
		if (!Files.exists(sim.resolve("00-setup.json"))) {
			int code = SimulateCommand.run("--subjects", String.valueOf(subjects), "--days", String.valueOf(days),
					"--seed", "1", "--out", sim.toString());
			if (code != 0) {
				throw new IllegalStateException("simulator failed: " + code);
			}
		}
		SpringApplication app = new SpringApplication(TrialFhirApplication.class);
		List<String> springArgs = new ArrayList<>(List.of("--server.port=0",
				"--trialfhir.embedded-postgres.data-dir=" + data.resolve("pg-" + subjects + "x" + days),
				"--trialfhir.scoring.recompute.enabled=false", "--logging.level.root=WARN",
				"--logging.structured.format.console="));
		springArgs.addAll(List.of(args).subList(4, args.length)); // extra server settings
		ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new));
		try {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			load(context, sim, jdbc);
			FhirContext fhir = context.getBean(FhirContext.class);
			com.fasterxml.jackson.databind.ObjectMapper jackson = new com.fasterxml.jackson.databind.ObjectMapper();
			StudyComputation.of(context, "sim-study"); // warm-up: JIT, caches, the PostgreSQL buffer cache
			for (int round = 1; round <= rounds; round++) {
				long t0 = System.nanoTime();
				long[] scan = scan(jdbc);
				long scanNanos = System.nanoTime() - t0;
				long t2 = System.nanoTime();
				scanAndParse(jdbc, json -> fhir.newJsonParser().parseResource(json));
				long hapiParseNanos = System.nanoTime() - t2;
				long t3 = System.nanoTime();
				scanAndParse(jdbc, json -> {
					try {
						jackson.readTree(json);
					} catch (java.io.IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				});
				long jacksonNanos = System.nanoTime() - t3;
				long t1 = System.nanoTime();
				StudyComputation c = StudyComputation.of(context, "sim-study");
				long deriveNanos = System.nanoTime() - t1;
				System.out.printf(Locale.ROOT, "{\"round\":%d,\"subjects\":%d,\"days\":%d,\"rows\":%d,\"json_mb\":%.1f,"
						+ "\"scan_s\":%.3f,\"inputs\":%d,\"scores\":%d,\"derive_s\":%.3f,\"loading_s\":%.3f,"
						+ "\"scoring_s\":%.3f,\"scan_hapi_parse_s\":%.3f,\"scan_jackson_tree_s\":%.3f,"
						+ "\"derive_vs_scan\":%.2f,\"derive_vs_scan_hapi_parse\":%.2f}%n", round, c.subjects(), days,
						scan[0], scan[1] / 1e6, scanNanos / 1e9, c.inputs(), c.scores(), deriveNanos / 1e9,
						c.loadingNanos() / 1e9, c.scoringNanos() / 1e9, hapiParseNanos / 1e9, jacksonNanos / 1e9,
						(double) deriveNanos / scanNanos, (double) deriveNanos / hapiParseNanos);
			}
		} finally {
			context.close();
		}
		System.exit(0); // HAPI's batch2 threads are not daemons
	}

	/** Row count and characters of the JSON of every current input row, streamed to the JVM in one query. */
	static long[] scan(JdbcTemplate jdbc) {
		long[] totals = new long[2];
		jdbc.setFetchSize(1000);
		jdbc.query("""
				SELECT v.res_text_vc FROM hfj_res_ver v
				JOIN hfj_resource r ON r.res_id = v.res_id AND r.res_ver = v.res_ver
				WHERE r.res_type IN ('Observation', 'Procedure', 'MedicationAdministration') AND r.res_deleted_at IS NULL""",
				rs -> {
					String json = rs.getString(1);
					totals[0]++;
					totals[1] += json == null ? 0 : json.length();
				});
		return totals;
	}

	/** The same scan, parsing every row (the least any derivation from the stored JSON must do). */
	static void scanAndParse(JdbcTemplate jdbc, java.util.function.Consumer<String> parser) {
		jdbc.query("""
				SELECT v.res_text_vc FROM hfj_res_ver v
				JOIN hfj_resource r ON r.res_id = v.res_id AND r.res_ver = v.res_ver
				WHERE r.res_type IN ('Observation', 'Procedure', 'MedicationAdministration') AND r.res_deleted_at IS NULL""",
				rs -> {
					parser.accept(rs.getString(1));
				});
	}

	/** Applies the simulated transaction bundles once (skipped when the data directory already holds them). */
	private static void load(ConfigurableApplicationContext context, Path sim, JdbcTemplate jdbc) throws Exception {
		Integer loaded = jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'ResearchSubject'",
				Integer.class);
		List<Path> files;
		try (Stream<Path> list = Files.list(sim)) {
			files = new ArrayList<>(list.filter(p -> p.toString().endsWith(".json")).sorted().toList());
		}
		if (loaded != null && loaded >= files.size() - 1) {
			return;
		}
		@SuppressWarnings("unchecked")
		IFhirSystemDao<Bundle, Meta> system = context.getBean(IFhirSystemDao.class);
		FhirContext fhir = context.getBean(FhirContext.class);
		long t0 = System.nanoTime();
		long entries = 0;
		for (Path file : files) {
			Bundle bundle;
			try (InputStream in = Files.newInputStream(file)) {
				bundle = fhir.newJsonParser().parseResource(Bundle.class, in);
			}
			system.transaction(new SystemRequestDetails(), bundle);
			entries += bundle.getEntry().size();
		}
		System.out.printf(Locale.ROOT, "{\"loaded_entries\":%d,\"load_s\":%.1f}%n", entries,
				(System.nanoTime() - t0) / 1e9);
	}
}
