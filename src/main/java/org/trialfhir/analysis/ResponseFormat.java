package org.trialfhir.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.trialfhir.errors.TrialFhirException;

/**
 * The representation {@code $analyze} (and {@code $completeness}) answers with (docs/api.md §5.2): {@code _format} first (json, xml, html, csv or
 * their media types), else the Accept header by quality (text/html → HTML, text/csv → CSV, …xml → XML), else JSON.
 */
public enum ResponseFormat {
	JSON("application/fhir+json"),
	XML("application/fhir+xml"),
	HTML("text/html"),
	CSV("text/csv");

	private final String mediaType;

	ResponseFormat(String mediaType) {
		this.mediaType = mediaType;
	}

	public String contentType() {
		return mediaType + ";charset=UTF-8";
	}

	public static ResponseFormat negotiate(String format, String accept) {
		if (format != null && !format.isBlank()) {
			ResponseFormat chosen = of(format.trim().toLowerCase(Locale.ROOT).split(";")[0].trim());
			if (chosen == null) {
				throw TrialFhirException.invalid("_format", "_format '" + format + "' is not offered; "
						+ "use json, xml, html or csv");
			}
			return chosen;
		}
		for (String range : byQuality(accept)) {
			ResponseFormat chosen = of(range);
			if (chosen != null) {
				return chosen;
			}
		}
		return JSON;
	}

	private static ResponseFormat of(String type) {
		return switch (type) {
			case "json", "application/json", "application/fhir+json", "application/json+fhir" -> JSON;
			case "xml", "application/xml", "application/fhir+xml", "application/xml+fhir", "text/xml" -> XML;
			case "html", "text/html", "application/xhtml+xml" -> HTML;
			case "csv", "text/csv" -> CSV;
			default -> null;
		};
	}

	/** The media ranges of an Accept header, highest quality first (ties keep their order); q=0 is dropped. */
	private static List<String> byQuality(String accept) {
		record Range(String type, double quality, int position) {
		}
		List<Range> ranges = new ArrayList<>();
		if (accept != null) {
			String[] items = accept.split(",");
			for (int i = 0; i < items.length; i++) {
				String[] parts = items[i].split(";");
				double quality = 1;
				for (int p = 1; p < parts.length; p++) {
					String parameter = parts[p].trim();
					if (parameter.startsWith("q=")) {
						try {
							quality = Double.parseDouble(parameter.substring(2));
						} catch (NumberFormatException e) {
							quality = 0;
						}
					}
				}
				if (quality > 0) {
					ranges.add(new Range(parts[0].trim().toLowerCase(Locale.ROOT), quality, i));
				}
			}
		}
		ranges.sort(Comparator.comparingDouble(Range::quality).reversed().thenComparingInt(Range::position));
		return ranges.stream().map(Range::type).toList();
	}
}
