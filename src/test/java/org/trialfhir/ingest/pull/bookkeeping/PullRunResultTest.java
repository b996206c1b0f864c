package org.trialfhir.ingest.pull.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;
import org.trialfhir.ingest.pull.bookkeeping.PullRuns.Result;

/** How a run's result is named from its counts (docs/api.md §5.3). */
class PullRunResultTest {

	@Test
	void noErrorIsCompletedEvenWithNothingFetched() {
		assertThat(Result.of(new SourceReport("h", 0, 0, 0, 0, 0, 0, List.of()))).isEqualTo(Result.COMPLETED);
		assertThat(Result.of(new SourceReport("h", 4, 3, 0, 0, 1, 0, List.of()))).isEqualTo(Result.COMPLETED);
	}

	@Test
	void errorsWithSomethingReceivedArePartial() {
		// one malformed resource among 18 received
		assertThat(Result.of(new SourceReport("h", 18, 16, 0, 0, 1, 1, List.of()))).isEqualTo(Result.PARTIAL);
	}

	@Test
	void errorsWithNothingReceivedAreFailed() {
		assertThat(Result.of(new SourceReport("h", 0, 0, 0, 0, 0, 2, List.of("a", "b")))).isEqualTo(Result.FAILED);
	}

	@Test
	void theCodesAreTheColumnsValues() {
		assertThat(List.of(Result.values())).extracting(Result::code).containsExactly("completed", "partial", "failed");
	}
}
