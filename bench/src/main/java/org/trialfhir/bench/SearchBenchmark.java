package org.trialfhir.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Search latency of {@code Observation?subject=&code=&date=} (a subject's values of one variable over two study
 * days, what a research app asks most) on a loaded trial, against the same question put to a plain PostgreSQL
 * table of the same Observations (patient, code, time, JSON) with a b-tree index on (patient, code, time), in the
 * same run and the same database. Prints one JSON line: p50/p95 of both and their ratios.
 *
 * <p>Arguments: fhirBase token jdbcUrl queries
 */
public final class SearchBenchmark {

	private static final String[] CODES = {"777-3", "8867-4", "2160-0", "9279-1", "8478-0", "6690-2"};
	private static final String LOINC = "http://loinc.org";

	private record Subject(String patient, Instant t0) {
	}

	private record Query(String patient, String code, Instant from, Instant to) {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		String jdbcUrl = args[2];
		int queries = Integer.parseInt(args[3]);
		List<Subject> subjects = subjects(base, token);
		Random random = new Random(1);
		List<Query> plan = new ArrayList<>();
		for (int i = 0; i < queries + 50; i++) {
			Subject subject = subjects.get(random.nextInt(subjects.size()));
			Instant from = subject.t0().plus(Duration.ofDays(random.nextInt(9)));
			plan.add(new Query(subject.patient(), CODES[random.nextInt(CODES.length)], from, from.plus(Duration.ofDays(2))));
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
			int rows = copyIntoPlainTable(base, token, connection);
			long[] fhir = new long[queries];
			long[] sql = new long[queries];
			long fhirResults = 0;
			long sqlResults = 0;
			for (int i = 0; i < plan.size(); i++) { // the first 50 of each warm up
				Query query = plan.get(i);
				long start = System.nanoTime();
				int found = fhirSearch(base, token, query);
				long fhirNanos = System.nanoTime() - start;
				start = System.nanoTime();
				int selected = sqlSelect(connection, query);
				long sqlNanos = System.nanoTime() - start;
				if (found != selected) {
					throw new IllegalStateException("FHIR found " + found + ", SQL " + selected + " for " + query);
				}
				if (i >= 50) {
					fhir[i - 50] = fhirNanos;
					sql[i - 50] = sqlNanos;
					fhirResults += found;
					sqlResults += selected;
				}
			}
			Arrays.sort(fhir);
			Arrays.sort(sql);
			System.out.printf(Locale.ROOT,
					"{\"subjects\":%d,\"observations\":%d,\"queries\":%d,\"mean_results\":%.1f,"
							+ "\"fhir_p50_ms\":%.2f,\"fhir_p95_ms\":%.2f,\"sql_p50_ms\":%.3f,\"sql_p95_ms\":%.3f,"
							+ "\"p50_ratio\":%.1f,\"p95_ratio\":%.1f}%n",
					subjects.size(), rows, queries, fhirResults / (double) queries, ms(fhir, 0.50), ms(fhir, 0.95),
					ms(sql, 0.50), ms(sql, 0.95), ms(fhir, 0.50) / ms(sql, 0.50), ms(fhir, 0.95) / ms(sql, 0.95));
			if (fhirResults != sqlResults) {
				throw new IllegalStateException("result counts differ");
			}
		}
	}

	/** Every enrolled subject's patient and T0. */
	private static List<Subject> subjects(String base, String token) throws Exception {
		List<Subject> subjects = new ArrayList<>();
		for (Bundle page : pages(base + "/ResearchSubject?_count=500", token)) {
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				ResearchSubject subject = (ResearchSubject) entry.getResource();
				if (subject.getPeriod().hasStart()) {
					subjects.add(new Subject(subject.getIndividual().getReference(), subject.getPeriod().getStart().toInstant()));
				}
			}
		}
		return subjects;
	}

	/** The server's Observations (those with a LOINC code and an effectiveDateTime) into a plain indexed table. */
	private static int copyIntoPlainTable(String base, String token, Connection connection) throws Exception {
		try (Statement ddl = connection.createStatement()) {
			ddl.execute("DROP TABLE IF EXISTS bench_search_observation");
			ddl.execute("CREATE TABLE bench_search_observation (patient TEXT NOT NULL, code TEXT NOT NULL, "
					+ "effective TIMESTAMPTZ NOT NULL, body TEXT NOT NULL)");
		}
		int rows = 0;
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO bench_search_observation VALUES (?, ?, ?, ?)")) {
			for (Bundle page : pages(base + "/Observation?_count=1000", token)) {
				for (Bundle.BundleEntryComponent entry : page.getEntry()) {
					Observation o = (Observation) entry.getResource();
					if (!o.hasEffectiveDateTimeType() || !o.getSubject().hasReference()) {
						continue;
					}
					for (var coding : o.getCode().getCoding()) {
						if (LOINC.equals(coding.getSystem())) {
							insert.setString(1, o.getSubject().getReference());
							insert.setString(2, coding.getCode());
							insert.setTimestamp(3, Timestamp.from(o.getEffectiveDateTimeType().getValue().toInstant()));
							insert.setString(4, IngestBenchmark.CONTEXT.newJsonParser().encodeResourceToString(o));
							insert.addBatch();
							rows++;
						}
					}
				}
				insert.executeBatch();
			}
		}
		try (Statement ddl = connection.createStatement()) {
			ddl.execute("CREATE INDEX ON bench_search_observation (patient, code, effective)");
			ddl.execute("ANALYZE bench_search_observation");
		}
		return rows;
	}

	/** All pages of a search, following next links; counts the matches, as a client reading them would. */
	private static int fhirSearch(String base, String token, Query query) throws Exception {
		String url = base + "/Observation?subject=" + query.patient() + "&code=" + encode(LOINC + "|" + query.code())
				+ "&date=ge" + encode(query.from().toString()) + "&date=lt" + encode(query.to().toString())
				+ "&_count=100";
		int found = 0;
		for (Bundle page : pages(url, token)) {
			found += page.getEntry().size();
		}
		return found;
	}

	private static int sqlSelect(Connection connection, Query query) throws Exception {
		try (PreparedStatement select = connection.prepareStatement("SELECT body FROM bench_search_observation "
				+ "WHERE patient = ? AND code = ? AND effective >= ? AND effective < ?")) {
			select.setString(1, query.patient());
			select.setString(2, query.code());
			select.setTimestamp(3, Timestamp.from(query.from()));
			select.setTimestamp(4, Timestamp.from(query.to()));
			int n = 0;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					rows.getString(1);
					n++;
				}
			}
			return n;
		}
	}

	private static List<Bundle> pages(String url, String token) throws Exception {
		List<Bundle> pages = new ArrayList<>();
		String next = url;
		while (next != null) {
			HttpResponse<String> response = IngestBenchmark.HTTP.send(HttpRequest.newBuilder(URI.create(next))
					.header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(next + " answered " + response.statusCode() + ": " + response.body());
			}
			Bundle page = IngestBenchmark.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
			pages.add(page);
			next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
		}
		return pages;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static double ms(long[] sortedNanos, double quantile) {
		int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, index)] / 1e6;
	}
}
