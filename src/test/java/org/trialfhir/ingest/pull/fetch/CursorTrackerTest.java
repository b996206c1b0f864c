package org.trialfhir.ingest.pull.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Where a search pull's cursor moves, checked by hand. */
class CursorTrackerTest {

	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@Test
	void theCursorFollowsSortedPagesAndWaitsForTheEndOfTheChainOtherwise() {
		SearchPull.CursorTracker sorted = new SearchPull.CursorTracker();
		sorted.seen(List.of(updatedAt(10), updatedAt(20)));
		sorted.seen(List.of(updatedAt(20), updatedAt(30)));
		assertThat(sorted.sorted()).isTrue();
		assertThat(sorted.newest()).contains(NOW.plusSeconds(30));

		SearchPull.CursorTracker unsorted = new SearchPull.CursorTracker();
		unsorted.seen(List.of(updatedAt(30)));
		unsorted.seen(List.of(updatedAt(10)));
		assertThat(unsorted.sorted()).isFalse();
		assertThat(unsorted.newest()).contains(NOW.plusSeconds(30));
	}

	private static IBaseResource updatedAt(long seconds) {
		Observation observation = new Observation();
		observation.getMeta().setLastUpdated(Date.from(NOW.plusSeconds(seconds)));
		return observation;
	}
}
