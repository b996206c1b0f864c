package org.trialfhir.completeness;

import ca.uhn.fhir.parser.DataFormatException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.DateTimeType;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.studyday.StudyDays;

/**
 * The validated parameters of {@code $completeness} (docs/api.md §5.10): {@code day} (0..*, study days 0..366; none =
 * every day of the schedule), {@code site} (0..1, an Organization id or its site identifier), {@code as-of} (0..1, a
 * dateTime with a time zone; default now). Bad input is a 400 naming the parameter.
 *
 * @param days study days asked for; empty = the schedule's days
 */
record CompletenessRequest(SortedSet<Integer> days, String site, Instant asOf) {

	/** More days than a year of follow-up has is not a question anyone asks: refused rather than worked through. */
	static final int MAX_DAYS = StudyDays.LAST_DAY + 1;
	/** FHIR ids have at most 64 characters; HAPI indexes identifier values up to 200. */
	private static final int MAX_SITE_LENGTH = 200;
	private static final Set<String> KNOWN = Set.of("day", "site", "as-of");

	static CompletenessRequest from(Map<String, List<String>> parameters, Instant now) {
		for (String name : parameters.keySet()) {
			if (!name.startsWith("_") && !KNOWN.contains(name)) {
				throw TrialFhirException.invalid(name, "unknown parameter '" + name
						+ "'; $completeness takes day, site and as-of");
			}
		}
		List<String> dayValues = parameters.getOrDefault("day", List.of());
		if (dayValues.size() > MAX_DAYS) {
			throw TrialFhirException.invalid("day", "at most " + MAX_DAYS + " day values (study days 0.."
					+ StudyDays.LAST_DAY + "), got " + dayValues.size());
		}
		SortedSet<Integer> days = new TreeSet<>();
		for (String value : dayValues) {
			int day;
			try {
				day = Integer.parseInt(value.trim());
			} catch (NumberFormatException e) {
				throw TrialFhirException.invalid("day", "day '" + abbreviate(value) + "' is not a study day (an integer 0.."
						+ StudyDays.LAST_DAY + ")");
			}
			if (day < 0 || day > StudyDays.LAST_DAY) {
				throw TrialFhirException.invalid("day", "day " + day + " is outside the study days 0.." + StudyDays.LAST_DAY);
			}
			days.add(day);
		}
		String site = single(parameters, "site");
		if (site != null && site.isBlank()) {
			throw TrialFhirException.invalid("site", "site is empty; give an Organization id or a site identifier");
		}
		if (site != null && site.length() > MAX_SITE_LENGTH) {
			throw TrialFhirException.invalid("site", "site is " + site.length() + " characters long; an Organization id "
					+ "or a site identifier has at most " + MAX_SITE_LENGTH);
		}
		String asOf = single(parameters, "as-of");
		return new CompletenessRequest(days, site == null ? null : site.trim(), asOf == null ? now : instant(asOf));
	}

	private static String single(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.getOrDefault(name, List.of());
		if (values.size() > 1) {
			throw TrialFhirException.invalid(name, "'" + name + "' may be given once");
		}
		return values.isEmpty() ? null : values.get(0);
	}

	private static Instant instant(String value) {
		DateTimeType dateTime;
		try {
			dateTime = new DateTimeType(value.trim());
		} catch (DataFormatException | IllegalArgumentException e) {
			throw TrialFhirException.invalid("as-of", "as-of '" + abbreviate(value)
					+ "' is not a FHIR dateTime (e.g. 2026-01-05T08:00:00Z)");
		}
		if (dateTime.getValue() == null || dateTime.getTimeZone() == null || !value.contains("T")) {
			throw TrialFhirException.invalid("as-of", "as-of needs a date, a time and a time zone, e.g. "
					+ "2026-01-05T08:00:00Z; got '" + abbreviate(value) + "'");
		}
		return dateTime.getValue().toInstant();
	}

	private static String abbreviate(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
