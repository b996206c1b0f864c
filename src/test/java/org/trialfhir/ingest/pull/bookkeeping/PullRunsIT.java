package org.trialfhir.ingest.pull.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;
import org.trialfhir.ingest.pull.source.EhrProperties;
import org.trialfhir.support.TrialFhirServerTest;

/** The pull-run table keeps each source's latest {@code runs-kept} runs, whatever the other sources do. */
@TrialFhirServerTest
class PullRunsIT {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSourceKeepsItsLatestRunsOnlyAndTheOthersKeepTheirs() {
		PullRuns runs = new PullRuns(jdbc, new EhrProperties(List.of(), 3));
		Instant start = Instant.parse("2026-03-01T08:00:00Z");
		runs.record(start, start.plusSeconds(5), report("runs-kept-other", 99));
		for (int i = 1; i <= 5; i++) {
			Instant started = start.plusSeconds(60L * i);
			runs.record(started, started.plusSeconds(5), report("runs-kept-source", i));
		}

		assertThat(jdbc.queryForList(
				"SELECT fetched FROM ingest_pull_run WHERE source_name = 'runs-kept-source' ORDER BY finished_at",
				Integer.class)).containsExactly(3, 4, 5);
		assertThat(runs.last("runs-kept-source")).get().extracting(run -> run.report().fetched()).isEqualTo(5);
		assertThat(runs.last("runs-kept-other")).get().extracting(run -> run.report().fetched()).isEqualTo(99);
	}

	@Test
	void theDefaultKeepsAThousandRunsPerSource() {
		assertThat(new EhrProperties(List.of(), null).runsKept()).isEqualTo(1000);
	}

	private static SourceReport report(String source, int fetched) {
		return new SourceReport(source, fetched, fetched, 0, 0, 0, 0, List.of());
	}
}
