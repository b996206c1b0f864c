package org.trialfhir.completeness;

import java.util.List;
import java.util.SortedSet;

/**
 * One expected item of the schedule: an Observation code (any of {@code codes}, {@code system|code}, satisfies it),
 * the study days it is expected on and how many values a day needs (6 for "every 4 h").
 *
 * @param key         the item as {@code system|code}: its first code
 * @param label       what a coordinator reads, e.g. "Platelets"
 * @param codes       every {@code system|code} that counts for the item
 * @param days        the study days it is expected on
 * @param perDay      the least number of values a day needs
 * @param vitalStatus true for the vital-status item, known from the Patient's death or the subject's follow-up
 *                    rather than from an Observation
 */
record ExpectedItem(String key, String label, List<String> codes, SortedSet<Integer> days, int perDay,
		boolean vitalStatus) {

	ExpectedItem {
		codes = List.copyOf(codes);
	}
}
