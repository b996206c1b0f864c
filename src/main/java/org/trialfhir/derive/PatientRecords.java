package org.trialfhir.derive;

import java.util.List;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/** Everything stored for one Patient that scoring reads: one search per resource type. */
record PatientRecords(List<Observation> observations, List<Procedure> procedures,
		List<MedicationAdministration> administrations) {
}
