package org.trialfhir.errors;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome that tells a client what went wrong and where. */
public final class OperationOutcomes {

	private OperationOutcomes() {}

	public static OperationOutcome of(TrialFhirException failure) {
		OperationOutcome outcome = new OperationOutcome();
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(IssueType.fromCode(failure.kind().issueCode))
				.setDiagnostics(failure.getMessage());
		if (failure.location() != null) {
			issue.addExpression(failure.location());
		}
		return outcome;
	}

	public static int status(TrialFhirException failure) {
		return failure.kind().status;
	}
}
