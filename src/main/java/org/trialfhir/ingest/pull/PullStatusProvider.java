package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;
import org.trialfhir.security.OperationAccess;
import org.trialfhir.server.FhirOperationProvider;

/**
 * {@code GET [base]/$pull-status}: per configured hospital source, its last pull run (result, times, counts, notes)
 * and the issues recorded for it — what the workbench's study dashboard shows. Read-only; nothing in it names an arm
 * or a clinical value. {@link PullStatusRequest} refuses what is not a plain GET, {@link PullStatusExecutor} reads,
 * {@link PullStatusResponse} renders.
 */
@Component
class PullStatusProvider implements FhirOperationProvider {

	private final PullStatusExecutor executor;

	PullStatusProvider(PullStatusExecutor executor) {
		this.executor = executor;
	}

	@Operation(name = "$pull-status", idempotent = true)
	@OperationAccess("$pull-status")
	public Parameters status(ServletRequestDetails request) {
		PullStatusRequest.check(request);
		return PullStatusResponse.render(executor.status());
	}
}
