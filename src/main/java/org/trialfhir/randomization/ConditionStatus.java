package org.trialfhir.randomization;

import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;

/**
 * Whether a Condition is current: clinicalStatus active, recurrence or relapse (the "active" branch of
 * http://terminology.hl7.org/CodeSystem/condition-clinical), and not refuted or entered in error.
 */
final class ConditionStatus {

	private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
	private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

	private ConditionStatus() {}

	static boolean isActive(Condition condition) {
		return has(condition.getClinicalStatus(), CLINICAL, Set.of("active", "recurrence", "relapse"))
				&& !has(condition.getVerificationStatus(), VERIFICATION, Set.of("refuted", "entered-in-error"));
	}

	private static boolean has(CodeableConcept concept, String system, Set<String> codes) {
		return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && codes.contains(c.getCode()));
	}
}
