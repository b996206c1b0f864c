package org.trialfhir.errors;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome that tells a client what went wrong and where. */
public final class OperationOutcomes {

	public static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

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

	/** Answers a request that a servlet filter refuses before HAPI sees it. */
	public static void write(HttpServletResponse response, FhirContext fhirContext, TrialFhirException failure)
			throws IOException {
		response.setStatus(status(failure));
		response.setContentType(FHIR_JSON);
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(of(failure)));
	}
}
