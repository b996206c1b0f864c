package org.trialfhir.derive;

import java.util.List;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Everything stored for one Patient that scoring reads ({@link StoredInputs}), and the derived scores already stored
 * for them, which an unchanged score is compared with.
 */
record PatientRecords(List<Observation> observations, List<Procedure> procedures,
		List<MedicationAdministration> administrations, List<Observation> derivedScores) {
}
