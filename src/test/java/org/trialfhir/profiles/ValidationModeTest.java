package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trialfhir.profiles.TrialValidationResult.Issue;
import org.trialfhir.profiles.TrialValidationResult.Severity;

class ValidationModeTest {

	static final TrialValidationResult ERROR = new TrialValidationResult(
			List.of(new Issue(Severity.ERROR, "Observation.subject", "missing")));
	static final TrialValidationResult WARNING_ONLY = new TrialValidationResult(
			List.of(new Issue(Severity.WARNING, "Observation", "unknown profile")));

	@ParameterizedTest
	@CsvSource({"enforce, ENFORCE", "WARN, WARN", " Off , OFF"})
	void parsesTheConfigValuesCaseInsensitively(String text, ValidationMode mode) {
		assertThat(ValidationMode.parse(text)).isEqualTo(mode);
	}

	@Test
	void rejectsAnUnknownMode() {
		assertThatThrownBy(() -> ValidationMode.parse("strict")).hasMessageContaining("enforce, warn or off");
	}

	@Test
	void onlyEnforceRejectsAndOnlyOnErrors() {
		assertThat(ValidationMode.ENFORCE.rejects(ERROR)).isTrue();
		assertThat(ValidationMode.ENFORCE.rejects(WARNING_ONLY)).isFalse();
		assertThat(ValidationMode.WARN.rejects(ERROR)).isFalse();
		assertThat(ValidationMode.OFF.rejects(ERROR)).isFalse();
	}
}
