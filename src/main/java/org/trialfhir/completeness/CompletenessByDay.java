package org.trialfhir.completeness;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A study's data completeness per study day, all subjects pooled, for other reports (the DSMB report's open
 * session): the same check as {@code $completeness} with its defaults. It never reads an arm.
 */
@Component
public class CompletenessByDay {

	/** Expected (due and applicable) and received items of one study day; percent null when nothing was due. */
	public record Day(int day, int expected, int received, BigDecimal percent) {
	}

	private final CompletenessExecutor executor;

	CompletenessByDay(CompletenessExecutor executor) {
		this.executor = executor;
	}

	public List<Day> of(String studyId, Instant asOf) {
		CompletenessReport report = executor.study(studyId, CompletenessRequest.from(Map.of(), asOf));
		return Tally.by(report.rows(), CompletenessRow::day).entrySet().stream()
				.map(e -> new Day(e.getKey(), e.getValue().expected(), e.getValue().received(), e.getValue().percent()))
				.toList();
	}
}
