package org.trialfhir.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HAPI's index rows per 1,000 Observations on a running server: writes N Observations of an enrolled patient in
 * 100-entry transaction bundles (the same Observations as {@link IngestBenchmark}), then counts the rows of every
 * {@code hfj_spidx_*} table and of {@code hfj_res_link} whose resource is an Observation, by search parameter. Prints
 * one JSON line: Observations stored (the written ones and those the server derived from them), ingest rate, and
 * rows per 1,000 stored Observations by table and parameter.
 *
 * <p>Arguments: fhirBase token jdbcUrl observations
 */
public final class IndexRows {

	static final List<String> SPIDX = List.of("hfj_spidx_token", "hfj_spidx_string", "hfj_spidx_date",
			"hfj_spidx_quantity", "hfj_spidx_quantity_nrml", "hfj_spidx_number", "hfj_spidx_uri", "hfj_spidx_coords");

	static final String OBSERVATIONS = "SELECT count(*) FROM hfj_resource WHERE res_type = 'Observation'";

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		String jdbcUrl = args[2];
		int count = Integer.parseInt(args[3]);
		String patient = IngestBenchmark.createPatient(base, token);
		double rate = IngestBenchmark.bundles(base, token, IngestBenchmark.observations(patient, count, 1));
		try (Connection connection = DriverManager.getConnection(jdbcUrl);
				Statement statement = connection.createStatement()) {
			// the re-derivation adds derived Observations after the writes: count once their number holds still
			long observations = single(statement, OBSERVATIONS);
			for (long previous = -1; observations != previous; observations = single(statement, OBSERVATIONS)) {
				previous = observations;
				Thread.sleep(5000);
			}
			Map<String, Long> rows = new TreeMap<>();
			for (String table : SPIDX) {
				try (ResultSet rs = statement.executeQuery("SELECT sp_name, count(*) FROM " + table
						+ " WHERE res_type = 'Observation' GROUP BY sp_name")) {
					while (rs.next()) {
						rows.put(table + "." + rs.getString(1), rs.getLong(2));
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT src_path, count(*) FROM hfj_res_link"
					+ " WHERE source_resource_type = 'Observation' GROUP BY src_path")) {
				while (rs.next()) {
					rows.put("hfj_res_link." + rs.getString(1), rs.getLong(2));
				}
			}
			long total = rows.values().stream().mapToLong(Long::longValue).sum();
			long stored = observations;
			StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
					"{\"observations\":%d,\"bundle100_per_s\":%.1f,\"index_rows_per_1000\":%.0f,\"by_table_and_parameter\":{",
					observations, rate, 1000.0 * total / observations));
			rows.forEach((key, n) -> json.append(String.format(Locale.ROOT, "\"%s\":%.0f,", key, 1000.0 * n / stored)));
			json.setLength(json.length() - 1);
			System.out.println(json.append("}}"));
		}
	}

	static long single(Statement statement, String sql) throws Exception {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
