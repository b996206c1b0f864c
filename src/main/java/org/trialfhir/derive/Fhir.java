package org.trialfhir.derive;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/** Small readers of R4 elements shared by the mappers. */
final class Fhir {

	static final String UCUM = "http://unitsofmeasure.org";
	static final String SNOMED = "http://snomed.info/sct";
	static final String ECRF = "http://trialfhir.org/fhir/CodeSystem/trial-ecrf";

	private Fhir() {
	}

	/** {@code Type/id} without version: the opaque source id the scores carry into {@code derivedFrom}. */
	static String source(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	/** The time that places an Observation in a day: effectiveDateTime, effectiveInstant or effectivePeriod.start. */
	static Instant effective(Observation o) {
		if (o.hasEffectiveDateTimeType()) {
			return instant(o.getEffectiveDateTimeType().getValue());
		}
		if (o.hasEffectiveInstantType()) {
			return instant(o.getEffectiveInstantType().getValue());
		}
		if (o.hasEffectivePeriod()) {
			return start(o.getEffectivePeriod());
		}
		return null;
	}

	static Instant start(Period period) {
		return period.hasStart() ? period.getStart().toInstant() : null;
	}

	static Instant end(Period period) {
		return period.hasEnd() ? period.getEnd().toInstant() : null;
	}

	/** The first coding of a concept in a system, or null. */
	static Coding coding(CodeableConcept concept, String system) {
		if (concept == null) {
			return null;
		}
		for (Coding c : concept.getCoding()) {
			if (system.equals(c.getSystem()) && c.hasCode()) {
				return c;
			}
		}
		return null;
	}

	private static Instant instant(Date date) {
		return date == null ? null : date.toInstant();
	}
}
