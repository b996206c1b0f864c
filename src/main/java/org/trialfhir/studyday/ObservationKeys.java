package org.trialfhir.studyday;

import ca.uhn.fhir.util.UrlUtil;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;

/**
 * The business key of an Observation: its first identifier with both a system and a value. A write carrying a key
 * is turned into a conditional update on {@code Observation?identifier=<system>|<value>}, and the database keeps the
 * key unique (SearchParameter {@code observation-identifier-unique}). Here rather than with the push door that writes
 * by it, because the study-day stamping must know it too when it writes an Observation again, and the doors
 * ({@code ingest}) depend on the study day, not the other way round.
 */
public final class ObservationKeys {

	private ObservationKeys() {}

	public static Optional<Identifier> keyOf(Observation observation) {
		return observation.getIdentifier().stream()
				.filter(identifier -> identifier.hasSystem() && identifier.hasValue())
				.findFirst();
	}

	/** The conditional-update URL matching exactly this key, escaped for FHIR token search and for the URL. */
	public static String matchUrl(Identifier key) {
		return "Observation?identifier=" + UrlUtil.escapeUrlParam(escapeToken(key.getSystem())) + "|"
				+ UrlUtil.escapeUrlParam(escapeToken(key.getValue()));
	}

	// FHIR search: '\', '|', ',' and '$' inside a token value are escaped with a backslash
	private static String escapeToken(String part) {
		return part.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
	}
}
