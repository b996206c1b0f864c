package org.trialfhir.ingest.pull;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues.Issue;
import org.trialfhir.ingest.pull.bookkeeping.PullRuns;
import org.trialfhir.ingest.pull.bookkeeping.PullRuns.Run;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;

/** Reads {@code $pull-status}: each configured source's last run and its recorded issues. */
@Component
class PullStatusExecutor {

	/** How many of a source's newest issues are shown; the count says how many there are. */
	static final int NEWEST_ISSUES = 5;

	/** One source's status; {@code lastRun} is empty when it was never pulled. */
	record SourceStatus(String name, Optional<Run> lastRun, int issueCount, List<Issue> newestIssues) {}

	private final EhrSources sources;
	private final PullRuns runs;
	private final PullIssues issues;

	PullStatusExecutor(EhrSources sources, PullRuns runs, PullIssues issues) {
		this.sources = sources;
		this.runs = runs;
		this.issues = issues;
	}

	List<SourceStatus> status() {
		return sources.all().stream().map(EhrSource::name)
				.map(name -> new SourceStatus(name, runs.last(name), issues.count(name),
						issues.newest(name, NEWEST_ISSUES)))
				.toList();
	}
}
