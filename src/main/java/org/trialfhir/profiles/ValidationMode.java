package org.trialfhir.profiles;

import java.util.Locale;

/** What the server does with profile errors on writes: reject them, log them, or not validate at all. */
public enum ValidationMode {
	ENFORCE,
	WARN,
	OFF;

	/** Parses {@code enforce | warn | off}, case-insensitively. */
	public static ValidationMode parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException | NullPointerException e) {
			throw new IllegalArgumentException("validation mode must be enforce, warn or off, not '" + value + "'", e);
		}
	}

	/** Whether a write with this result must be refused. */
	public boolean rejects(TrialValidationResult result) {
		return this == ENFORCE && result.hasErrors();
	}
}
