package org.trialfhir.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialfhir.hapisql.ObservationIndex;
import org.trialfhir.units.TrialVariable;

class DayTablesTest {

	private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

	@Test
	void aValueIndexedAsInfinityIsLeftOutWithANoteInsteadOfFailingTheAnalysis() {
		Subject subject = new Subject("s1", "p1", 0, T0, null, null);
		StudyData study = new StudyData("study", "title", List.of("rTM", "control"), List.of(subject), false,
				List.of());
		List<ObservationIndex.Measured> rows = List.of(
				new ObservationIndex.Measured("p1", T0.plusSeconds(3600), 120, "10*9/L"),
				new ObservationIndex.Measured("p1", T0.plusSeconds(7200), Double.POSITIVE_INFINITY, "10*9/L"),
				new ObservationIndex.Measured("p1", T0.plusSeconds(90_000), Double.NaN, "10*9/L"));
		List<String> notes = new ArrayList<>();

		DayTable table = DayTables.measured(study, TrialVariable.PLATELETS, rows, notes);

		assertThat(table.get("s1", 1)).isEqualTo(120.0);
		assertThat(table.get("s1", 2)).isNull();
		assertThat(notes).containsExactly("platelets: 2 value(s) left out (beyond the range of a number; stored "
				+ "before such values were refused)");
	}
}
