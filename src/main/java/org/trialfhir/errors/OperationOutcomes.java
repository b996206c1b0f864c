package org.trialfhir.errors;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

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

	/**
	 * An error the servlet container or Spring reports (a malformed request refused before any of our code runs, an
	 * unsupported HTTP version, a fault outside HAPI): the status with its reason phrase and, when there is one, the
	 * container's detail.
	 */
	public static OperationOutcome ofHttpStatus(int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		String diagnostics = "HTTP " + status + (known == null ? "" : " " + known.getReasonPhrase())
				+ (detail == null || detail.isBlank() ? "" : ": " + detail);
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(issueType(status)).setDiagnostics(diagnostics);
		return outcome;
	}

	private static IssueType issueType(int status) {
		return switch (status) {
			case 401 -> IssueType.LOGIN;
			case 403 -> IssueType.FORBIDDEN;
			case 404 -> IssueType.NOTFOUND;
			case 405, 406, 415, 501, 505 -> IssueType.NOTSUPPORTED;
			case 408 -> IssueType.TIMEOUT;
			case 409 -> IssueType.CONFLICT;
			case 413 -> IssueType.TOOCOSTLY;
			case 429 -> IssueType.THROTTLED;
			case 503 -> IssueType.TRANSIENT;
			default -> status < 500 ? IssueType.INVALID : IssueType.EXCEPTION;
		};
	}
}
