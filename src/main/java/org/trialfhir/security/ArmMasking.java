package org.trialfhir.security;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Removes the arm of a ResearchSubject, and its narrative (which may spell the arm out), marking the copy as masked as
 * FHIR security labels do.
 */
final class ArmMasking {

	static final Coding MASKED = new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "MASKED",
			"masked");

	private ArmMasking() {}

	static ResearchSubject mask(ResearchSubject subject) {
		ResearchSubject masked = subject.copy();
		masked.setAssignedArm(null);
		masked.setActualArm(null);
		masked.setText(null);
		masked.getMeta().addSecurity(MASKED.copy());
		return masked;
	}
}
