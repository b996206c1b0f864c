package org.trialfhir.randomization;

import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.errors.TrialFhirException;

/**
 * The validated parameters of {@code $unblind}: the {@code reason} the arm must be revealed, trimmed; kept in the audit
 * trail. A missing or blank reason is refused with {@link TrialFhirException#invalid} (400).
 */
record UnblindRequest(String reason) {

	static UnblindRequest from(StringType reason) {
		if (reason == null || reason.isEmpty() || reason.getValue().isBlank()) {
			throw TrialFhirException.invalid(RandomizeRequest.location("reason"),
					"Parameter 'reason' is required: why the arm must be revealed (kept in the audit trail)");
		}
		return new UnblindRequest(reason.getValue().trim());
	}
}
