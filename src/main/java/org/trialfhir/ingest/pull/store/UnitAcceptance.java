package org.trialfhir.ingest.pull.store;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The trial's variables as the pull needs them: which codes to fetch, and whether a unit is accepted for a code.
 * Units are kept as sent; scoring converts. Backed by {@code org.trialfhir.units.TrialVariable}
 * ({@link TrialVariableUnits}).
 */
public interface UnitAcceptance {

	/** The codes pulled from sources (system and code). */
	List<Coding> pulledCodes();

	/** True when an Observation with this code is followed by the trial. */
	boolean followed(Coding code);

	/** Empty when the quantity's unit is accepted for the code; otherwise why not, for the issue record. */
	Optional<String> rejection(Coding code, Quantity quantity);
}
