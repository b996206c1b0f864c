package org.trialfhir.simulator;

import java.math.BigDecimal;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/**
 * The server's accepted units per code and their conversion to the canonical unit ({@link TrialVariable}, read from
 * the published ValueSets, and {@link UnitConverter}), by LOINC or trial-lab code: what the simulator sends must be
 * what the server accepts and mean what the server converts it to. Independent of the simulator's own unit tables.
 */
final class AcceptedUnits {

	private AcceptedUnits() {
	}

	/** True when {@code unit} is on the accepted list of {@code code}. */
	static boolean accepts(String code, String unit) {
		return variable(code).acceptedUnits().contains(unit);
	}

	/** The value in the canonical unit of the code's variable. */
	static double canonical(String code, String unit, double value) {
		Conversion conversion = UnitConverter.standard().convert(variable(code), BigDecimal.valueOf(value), unit);
		if (!(conversion instanceof Conversion.Converted converted)) {
			throw new IllegalArgumentException(code + " in " + unit + ": " + conversion);
		}
		return converted.value();
	}

	private static TrialVariable variable(String code) {
		return TrialVariable.byLoinc(code).or(() -> TrialVariable.byCode(TrialVariable.TRIAL_LAB, code))
				.orElseThrow(() -> new IllegalArgumentException(code + " is not a trial variable"));
	}
}
