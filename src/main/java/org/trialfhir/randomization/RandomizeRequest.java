package org.trialfhir.randomization;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.errors.TrialFhirException;

/**
 * The validated input of $randomize.
 *
 * @param site stratum factor when the patient's managing organization does not name a site; null when not given
 * @param baselineJaam stratum factor when no screening JAAM DIC score is on record; null when not given
 */
record RandomizeRequest(String studyId, String patientId, String site, Integer baselineJaam) {

	/** The JAAM DIC score's range (Gando 2006: platelets 0–3, FDP 0–3, PT ratio 0–1, SIRS 0–1). */
	static final int JAAM_MAX = 8;

	static RandomizeRequest from(IdType study, Reference subject, StringType site, IntegerType baselineJaam) {
		if (subject == null || !subject.hasReference()) {
			throw TrialFhirException.invalid(location("subject"), "Parameter 'subject' (a Patient reference) is required");
		}
		IdType patient = new IdType(subject.getReference());
		if (!"Patient".equals(patient.getResourceType()) || !patient.hasIdPart() || patient.isAbsolute()) {
			throw TrialFhirException.invalid(location("subject"),
					"Parameter 'subject' must be a local Patient reference (Patient/<id>), not " + subject.getReference());
		}
		String siteValue = site == null || site.getValue() == null ? null : site.getValue().trim();
		if (siteValue != null && siteValue.isEmpty()) {
			throw TrialFhirException.invalid(location("site"), "Parameter 'site' must not be blank");
		}
		Integer jaam = baselineJaam == null ? null : baselineJaam.getValue();
		if (jaam != null && (jaam < 0 || jaam > JAAM_MAX)) {
			throw TrialFhirException.invalid(location("baseline-jaam"),
					"Parameter 'baseline-jaam' must be a JAAM DIC score from 0 to " + JAAM_MAX + ", not " + jaam);
		}
		return new RandomizeRequest(study.getIdPart(), patient.getIdPart(), siteValue, jaam);
	}

	static String location(String parameter) {
		return "Parameters.parameter.where(name = '" + parameter + "')";
	}
}
