package org.trialfhir.bulkimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One non-blank line of an NDJSON input and its line number in that input (1-based).
 *
 * @param type the resourceType the line names first, or null; only to order the lines, the loader parses each line
 */
record NdjsonLine(int number, String text, String type) {

	private static final Pattern RESOURCE_TYPE = Pattern.compile("\"resourceType\"\\s*:\\s*\"([A-Za-z]+)\"");

	/**
	 * The order of the types in a chunked input: what others refer to first, so that a Patient exists before its
	 * Observations and the ResearchSubject (its T0) before the Observations whose study day depends on it; the
	 * schedule of activities (PlanDefinition) before the ResearchStudy whose protocol names it.
	 */
	private static final List<String> LOAD_ORDER = List.of("Organization", "Location", "Practitioner",
			"PractitionerRole", "PlanDefinition", "ResearchStudy", "Patient", "ResearchSubject", "Encounter",
			"Condition");

	static List<NdjsonLine> split(String ndjson) {
		List<NdjsonLine> lines = new ArrayList<>();
		int number = 0;
		for (String text : ndjson.split("\r?\n", -1)) {
			number++;
			if (!text.isBlank()) {
				Matcher type = RESOURCE_TYPE.matcher(text);
				lines.add(new NdjsonLine(number, text, type.find() ? type.group(1) : null));
			}
		}
		return lines;
	}

	/** The lines in load order (stable: lines of one type keep their order). */
	static List<NdjsonLine> inLoadOrder(List<NdjsonLine> lines) {
		List<NdjsonLine> sorted = new ArrayList<>(lines);
		sorted.sort(Comparator.comparingInt(line -> loadRank(line.type())));
		return sorted;
	}

	/** Whether resources of this type are loaded before the others because they are referred to. */
	static boolean isSetUp(String type) {
		return LOAD_ORDER.contains(type);
	}

	static int loadRank(String type) {
		int rank = type == null ? -1 : LOAD_ORDER.indexOf(type);
		return rank < 0 ? LOAD_ORDER.size() : rank;
	}
}
