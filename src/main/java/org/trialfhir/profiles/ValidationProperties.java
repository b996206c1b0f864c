package org.trialfhir.profiles;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Validation of writes against the trial profiles.
 *
 * @param mode {@code enforce} (invalid → 422, nothing stored), {@code warn} (stored, logged) or {@code off}
 */
@ConfigurationProperties("trialfhir.validation")
public record ValidationProperties(String mode) {

	public ValidationMode validationMode() {
		return ValidationMode.parse(mode == null ? "enforce" : mode);
	}
}
