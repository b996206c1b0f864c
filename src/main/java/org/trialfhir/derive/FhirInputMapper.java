package org.trialfhir.derive;

import org.trialfhir.units.UnitConverter;

/** FHIR → scoring inputs for one subject, all days at once (the mapping is documented in docs/scores.md). */
final class FhirInputMapper {

	private FhirInputMapper() {
	}

	static InputTimeline map(SubjectContext subject, PatientRecords records, UnitConverter converter) {
		InputTimeline timeline = new InputTimeline();
		records.derivedScores().forEach(o -> timeline.derived.put(DerivedObservations.identifierValue(o), o));
		new ObservationReader(subject, converter, timeline).readAll(records.observations());
		TreatmentReader treatments = new TreatmentReader(converter, timeline);
		treatments.procedures(records.procedures());
		treatments.administrations(records.administrations()); // after the Observations: needs the body weights
		Sofa2InputReader sofa2 = new Sofa2InputReader(timeline);
		sofa2.procedures(records.procedures());
		sofa2.administrations(records.administrations());
		timeline.finish();
		return timeline;
	}
}
