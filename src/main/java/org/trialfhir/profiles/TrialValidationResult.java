package org.trialfhir.profiles;

import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The outcome of validating one resource: its issues, each with a FHIRPath location. */
public record TrialValidationResult(List<Issue> issues) {

	public enum Severity { FATAL, ERROR, WARNING, INFORMATION }

	/** One finding; {@code location} is a FHIRPath expression such as {@code Observation.valueQuantity.code}. */
	public record Issue(Severity severity, String location, String message) {
		public boolean isError() {
			return severity == Severity.ERROR || severity == Severity.FATAL;
		}
	}

	public TrialValidationResult {
		issues = List.copyOf(issues);
	}

	static TrialValidationResult from(ValidationResult result) {
		return new TrialValidationResult(result.getMessages().stream().map(TrialValidationResult::issue).toList());
	}

	private static Issue issue(SingleValidationMessage m) {
		return new Issue(Severity.valueOf(m.getSeverity().name()), m.getLocationString(), m.getMessage());
	}

	public boolean hasErrors() {
		return issues.stream().anyMatch(Issue::isError);
	}

	public List<Issue> errors() {
		return issues.stream().filter(Issue::isError).toList();
	}

	/** Every issue as an OperationOutcome issue (code {@code processing}, location in both expression and location). */
	public OperationOutcome toOperationOutcome() {
		var outcome = new OperationOutcome();
		for (Issue i : issues) {
			var issue = outcome.addIssue()
					.setSeverity(IssueSeverity.valueOf(i.severity().name()))
					.setCode(IssueType.PROCESSING)
					.setDiagnostics(i.message());
			if (i.location() != null) {
				issue.addExpression(i.location());
				issue.addLocation(i.location());
			}
		}
		if (issues.isEmpty()) {
			outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
					.setDiagnostics("No issues detected");
		}
		return outcome;
	}
}
