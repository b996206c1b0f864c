package org.trialfhir.randomization;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;

/**
 * Whether a Consent lets the patient be enrolled now: status active; a research consent (scope
 * http://terminology.hl7.org/CodeSystem/consentscope|research, or no coded scope of that system), not a refusal (base
 * provision type deny) and, when the base provision has a period, within it.
 */
final class ConsentStatus {

	private static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";

	private ConsentStatus() {}

	static boolean isInForce(Consent consent, Instant now) {
		if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
			return false;
		}
		boolean otherScope = consent.getScope().getCoding().stream()
				.anyMatch(c -> SCOPE.equals(c.getSystem()) && !"research".equals(c.getCode()));
		boolean refusal = consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
		return !otherScope && !refusal && covers(consent.getProvision().getPeriod(), now);
	}

	private static boolean covers(Period period, Instant now) {
		Date start = period.getStart();
		Date end = period.getEnd();
		return (start == null || !start.toInstant().isAfter(now)) && (end == null || end.toInstant().isAfter(now));
	}
}
