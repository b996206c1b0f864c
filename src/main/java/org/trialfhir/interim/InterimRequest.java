package org.trialfhir.interim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.studyday.StudyDays;

/**
 * The validated parameters of {@code $interim} (docs/interim.md): {@code look} (integer ≥ 1), {@code information-fraction}
 * (decimal in (0, 1]), {@code mortality-day} (a study day, default 28), {@code record} (true/false, POST only). Each may
 * be given once; anything else is a 400 naming the parameter.
 *
 * @param look                null: the look after the last recorded one
 * @param informationFraction null: subjects with a known outcome ÷ planned subjects
 */
record InterimRequest(Integer look, Double informationFraction, int mortalityDay, boolean record) {

	static final int DEFAULT_MORTALITY_DAY = 28;
	private static final Set<String> KNOWN = Set.of("look", "information-fraction", "mortality-day", "record");

	static InterimRequest from(Map<String, List<String>> parameters, boolean post) {
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (name.startsWith("_")) {
				continue; // _format, _pretty: the server's
			}
			if (!KNOWN.contains(name)) {
				throw TrialFhirException.invalid(name, "unknown parameter '" + name + "'; $interim takes look, "
						+ "information-fraction, mortality-day and record");
			}
			if (parameter.getValue().size() > 1) {
				throw TrialFhirException.invalid(name, "'" + name + "' may be given once");
			}
		}
		Integer look = value(parameters, "look") == null ? null : look(value(parameters, "look"));
		Double fraction = value(parameters, "information-fraction") == null ? null
				: fraction(value(parameters, "information-fraction"));
		int day = value(parameters, "mortality-day") == null ? DEFAULT_MORTALITY_DAY
				: day(value(parameters, "mortality-day"));
		boolean record = record(value(parameters, "record"));
		if (record && !post) {
			throw TrialFhirException.invalid("record", "record=true stores the look: use POST");
		}
		return new InterimRequest(look, fraction, day, record);
	}

	private static String value(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		return values == null || values.isEmpty() ? null : values.get(0).trim();
	}

	private static int look(String value) {
		try {
			int look = Integer.parseInt(value);
			if (look >= 1 && look <= 100) {
				return look;
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw TrialFhirException.invalid("look", "'look' must be an integer from 1 to 100; got '" + value + "'");
	}

	private static double fraction(String value) {
		try {
			double fraction = Double.parseDouble(value);
			if (fraction > 0 && fraction <= 1 && value.length() <= 20) {
				return fraction;
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw TrialFhirException.invalid("information-fraction", "'information-fraction' must be a decimal in (0, 1]; "
				+ "got '" + shorten(value) + "'");
	}

	private static int day(String value) {
		try {
			int day = Integer.parseInt(value);
			if (day >= 1 && day <= StudyDays.LAST_DAY) {
				return day;
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw TrialFhirException.invalid("mortality-day", "'mortality-day' must be a study day from 1 to "
				+ StudyDays.LAST_DAY + "; got '" + shorten(value) + "'");
	}

	private static boolean record(String value) {
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw TrialFhirException.invalid("record", "'record' must be true or false; got '" + shorten(value) + "'");
	}

	private static String shorten(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
