package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.profiles.TrialValidationResult.Issue;
import org.trialfhir.profiles.TrialValidationResult.Severity;

class TrialValidationResultTest {

	@Test
	void operationOutcomeCarriesSeverityMessageAndFhirPathLocation() {
		var result = new TrialValidationResult(List.of(
				new Issue(Severity.ERROR, "Observation.valueQuantity.code", "unit 'mg' is not accepted"),
				new Issue(Severity.WARNING, null, "profile not found")));

		var outcome = result.toOperationOutcome();

		assertThat(outcome.getIssue()).hasSize(2);
		var first = outcome.getIssueFirstRep();
		assertThat(first.getSeverity()).isEqualTo(IssueSeverity.ERROR);
		assertThat(first.getDiagnostics()).isEqualTo("unit 'mg' is not accepted");
		assertThat(first.getExpression()).extracting(StringType::getValue).containsExactly("Observation.valueQuantity.code");
		assertThat(first.getLocation()).extracting(StringType::getValue).containsExactly("Observation.valueQuantity.code");
		assertThat(outcome.getIssue().get(1).getExpression()).isEmpty();
	}

	@Test
	void anEmptyResultSaysSoInsteadOfAnEmptyOutcome() {
		var outcome = new TrialValidationResult(List.of()).toOperationOutcome();

		assertThat(outcome.getIssue()).singleElement()
				.satisfies(i -> assertThat(i.getSeverity()).isEqualTo(IssueSeverity.INFORMATION));
	}

	@Test
	void fatalCountsAsAnErrorAndWarningDoesNot() {
		var result = new TrialValidationResult(List.of(
				new Issue(Severity.FATAL, "Observation", "unparseable"),
				new Issue(Severity.WARNING, "Observation", "narrative")));

		assertThat(result.hasErrors()).isTrue();
		assertThat(result.errors()).extracting(Issue::message).containsExactly("unparseable");
	}
}
