package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.TrialFhirServerTest;

/** The trial's SearchParameters, stored at the first start on an empty database, queue no pointless reindexing. */
@TrialFhirServerTest
class ConformanceLoadingIT {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theFirstStartOnAnEmptyDatabaseQueuesNoReindexJob() {
		// jobs created up to 10 s after the last of the trial's SearchParameters was first stored, and before any
		// other SearchParameter existed, come from the startup load (other tests add SearchParameters of their own,
		// which do queue reindexing, possibly within those 10 s)
		Integer startupReindexJobs = jdbc.queryForObject("""
				WITH sp AS (SELECT r.res_published, EXISTS (SELECT 1 FROM hfj_spidx_uri u WHERE u.res_id = r.res_id
				                AND u.sp_name = 'url' AND u.sp_uri LIKE 'http://trialfhir.org/%') AS trial
				            FROM hfj_resource r WHERE r.res_type = 'SearchParameter')
				SELECT count(*) FROM bt2_job_instance WHERE definition_id = 'REINDEX'
				    AND create_time <= (SELECT max(res_published) FROM sp WHERE trial) + interval '10 seconds'
				    AND create_time < coalesce((SELECT min(res_published) FROM sp WHERE NOT trial), 'infinity')""",
				Integer.class);
		Integer trialSearchParameters = jdbc.queryForObject(
				"SELECT count(*) FROM hfj_resource WHERE res_type = 'SearchParameter'", Integer.class);
		assertThat(trialSearchParameters).isPositive();
		assertThat(startupReindexJobs).isZero();
	}
}
