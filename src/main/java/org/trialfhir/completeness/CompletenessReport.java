package org.trialfhir.completeness;

import java.time.Instant;
import java.util.List;

/**
 * What {@code $completeness} found, before rendering.
 *
 * @param target   {@code ResearchStudy/<id>} or {@code ResearchSubject/<id>}
 * @param asOf     the moment the check was made for
 * @param schedule {@code PlanDefinition/<id>}, or null for the default schedule
 * @param days     the study days checked
 * @param items    the expected items
 * @param rows     per subject × day × expected item, then the findings; by subject, then day
 * @param queries  the open data queries of the subjects
 * @param notes    what the reader should know (subjects left out and why)
 */
record CompletenessReport(String target, Instant asOf, String schedule, List<Integer> days, List<ExpectedItem> items,
		List<CompletenessRow> rows, List<OpenQuery> queries, List<String> notes) {

	static final String DEFAULT_SCHEDULE = "every input of every score, daily, days 1-10 (no PlanDefinition in "
			+ "ResearchStudy.protocol)";
}
