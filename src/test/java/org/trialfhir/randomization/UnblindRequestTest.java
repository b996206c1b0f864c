package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

class UnblindRequestTest {

	@Test
	void theReasonIsKeptTrimmed() {
		assertThat(UnblindRequest.from(new StringType("  major bleeding \n")).reason()).isEqualTo("major bleeding");
	}

	@Test
	void aMissingEmptyOrBlankReasonIsInvalidInputNamingTheParameter() {
		for (StringType reason : new StringType[] {null, new StringType(), new StringType(""), new StringType(" \t ")}) {
			assertThatThrownBy(() -> UnblindRequest.from(reason))
					.isInstanceOfSatisfying(TrialFhirException.class, e -> {
						assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
						assertThat(e.location()).isEqualTo("Parameters.parameter.where(name = 'reason')");
						assertThat(e.getMessage()).contains("'reason' is required");
					});
		}
	}
}
