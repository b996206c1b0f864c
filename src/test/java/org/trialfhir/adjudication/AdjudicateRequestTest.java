package org.trialfhir.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

/** The parameters of $adjudicate: what a decision makes of a value, and every refusal naming its parameter. */
class AdjudicateRequestTest {

	@Test
	void acceptMakesTheValueFinalAndRejectEnteredInErrorWithItsTrimmedReason() {
		AdjudicateRequest accept = AdjudicateRequest.from(new CodeType("accept"), null);
		AdjudicateRequest reject = AdjudicateRequest.from(new CodeType("reject"), new StringType("  clotted sample "));

		assertThat(accept.decision().status).isEqualTo(ObservationStatus.FINAL);
		assertThat(accept.decision().tag).isEqualTo("accepted");
		assertThat(accept.reason()).isNull();
		assertThat(reject.decision().status).isEqualTo(ObservationStatus.ENTEREDINERROR);
		assertThat(reject.decision().tag).isEqualTo("rejected");
		assertThat(reject.reason()).isEqualTo("clotted sample");
	}

	@Test
	void aMissingOrUnknownDecisionAndARejectionWithoutReasonAreRefused() {
		assertRefused(() -> AdjudicateRequest.from(null, null), "decision");
		assertRefused(() -> AdjudicateRequest.from(new CodeType(""), null), "decision");
		assertRefused(() -> AdjudicateRequest.from(new CodeType("maybe"), null), "decision");
		assertRefused(() -> AdjudicateRequest.from(new CodeType("ACCEPT"), null), "decision");
		assertRefused(() -> AdjudicateRequest.from(new CodeType("reject"), null), "reason");
		assertRefused(() -> AdjudicateRequest.from(new CodeType("reject"), new StringType(" \t")), "reason");
	}

	@Test
	void aReasonIsKeptUpToOneThousandCharacters() {
		assertThat(AdjudicateRequest.from(new CodeType("reject"), new StringType("r".repeat(1000))).reason())
				.hasSize(1000);
		assertRefused(() -> AdjudicateRequest.from(new CodeType("reject"), new StringType("r".repeat(1001))), "reason");
	}

	@Test
	void observationsAreLocalObservationReferencesEachOnce() {
		assertThat(AdjudicateRequest.observations(List.of(new Reference("Observation/a1"), new Reference("Observation/2"))))
				.containsExactly("a1", "2");
		assertRefused(() -> AdjudicateRequest.observations(List.of()), "observation");
		assertRefused(() -> AdjudicateRequest.observations(null), "observation");
		assertRefused(() -> AdjudicateRequest.observations(List.of(new Reference("Patient/1"))), "observation");
		assertRefused(() -> AdjudicateRequest.observations(List.of(new Reference())), "observation");
		assertRefused(() -> AdjudicateRequest.observations(List.of(new Reference("https://elsewhere.example/fhir/Observation/1"))),
				"observation");
		assertRefused(() -> AdjudicateRequest.observations(List.of(new Reference("Observation/1"),
				new Reference("Observation/1"))), "observation");
		assertRefused(() -> AdjudicateRequest.observations(Collections.nCopies(501, new Reference("Observation/1"))),
				"observation");
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String parameter) {
		assertThatThrownBy(call).isInstanceOfSatisfying(TrialFhirException.class, e -> {
			assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
			assertThat(e.location()).startsWith("Parameters.parameter.where(name = '" + parameter + "')");
		});
	}
}
