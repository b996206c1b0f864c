package org.trialfhir.completeness;

import static java.util.Map.entry;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.trialfhir.completeness.CompletenessProperties.Bounds;
import org.trialfhir.units.TrialVariable;

/**
 * What a plausible value of each trial variable is, in its canonical unit: a range (outside it, the value is stored
 * as sent but reported as implausible) and, for the variables where a jump within one day points to a wrong sample or
 * a wrong unit rather than to physiology, the largest change between two values of the same study day. Defaults are
 * wide on purpose: they catch a unit or a decimal point gone wrong, not a sick patient.
 */
@Component
class Plausibility {

	static final Map<TrialVariable, Bounds> DEFAULTS = new EnumMap<>(Map.ofEntries(
			entry(TrialVariable.PLATELETS, new Bounds(0.0, 2000.0, 300.0)),
			entry(TrialVariable.WBC, new Bounds(0.0, 500.0, null)),
			entry(TrialVariable.BANDS_PCT, new Bounds(0.0, 100.0, null)),
			entry(TrialVariable.CREATININE, new Bounds(0.0, 25.0, 4.0)),
			entry(TrialVariable.BILIRUBIN, new Bounds(0.0, 60.0, null)),
			entry(TrialVariable.TEMPERATURE, new Bounds(25.0, 45.0, 5.0)),
			entry(TrialVariable.HEART_RATE, new Bounds(0.0, 300.0, null)),
			entry(TrialVariable.RESP_RATE, new Bounds(0.0, 80.0, null)),
			entry(TrialVariable.MAP, new Bounds(10.0, 200.0, null)),
			entry(TrialVariable.SBP, new Bounds(20.0, 300.0, null)),
			entry(TrialVariable.DBP, new Bounds(5.0, 200.0, null)),
			entry(TrialVariable.GCS, new Bounds(3.0, 15.0, null)),
			entry(TrialVariable.GCS_MOTOR, new Bounds(1.0, 6.0, null)),
			entry(TrialVariable.PAO2, new Bounds(10.0, 700.0, null)),
			entry(TrialVariable.PACO2, new Bounds(5.0, 200.0, null)),
			entry(TrialVariable.PH, new Bounds(6.5, 8.0, 0.6)),
			entry(TrialVariable.PH_VENOUS, new Bounds(6.5, 8.0, 0.6)),
			entry(TrialVariable.FIO2, new Bounds(0.21, 1.0, null)),
			entry(TrialVariable.PF_RATIO, new Bounds(10.0, 700.0, null)),
			entry(TrialVariable.HCO3, new Bounds(2.0, 60.0, null)),
			entry(TrialVariable.SODIUM, new Bounds(100.0, 190.0, 20.0)),
			entry(TrialVariable.POTASSIUM, new Bounds(1.0, 10.0, 3.0)),
			entry(TrialVariable.HEMATOCRIT, new Bounds(5.0, 75.0, null)),
			entry(TrialVariable.URINE_OUTPUT, new Bounds(0.0, 20000.0, null)),
			entry(TrialVariable.PT_S, new Bounds(5.0, 200.0, null)),
			entry(TrialVariable.PT_RATIO, new Bounds(0.5, 20.0, null)),
			entry(TrialVariable.INR, new Bounds(0.5, 20.0, null)),
			entry(TrialVariable.FDP, new Bounds(0.0, 2000.0, null)),
			entry(TrialVariable.D_DIMER, new Bounds(0.0, 500.0, null)),
			entry(TrialVariable.FIBRINOGEN, new Bounds(0.0, 2000.0, null)),
			entry(TrialVariable.WEIGHT_KG, new Bounds(20.0, 350.0, null)),
			entry(TrialVariable.SPO2, new Bounds(20.0, 100.0, null)),
			entry(TrialVariable.LACTATE, new Bounds(0.0, 30.0, null)),
			entry(TrialVariable.ANTITHROMBIN, new Bounds(0.0, 200.0, null)),
			entry(TrialVariable.PROTEIN_C, new Bounds(0.0, 200.0, null)),
			entry(TrialVariable.IL6, new Bounds(0.0, 1_000_000.0, null)),
			entry(TrialVariable.TNF_ALPHA, new Bounds(0.0, 100_000.0, null)),
			entry(TrialVariable.IL1_BETA, new Bounds(0.0, 100_000.0, null)),
			entry(TrialVariable.HMGB1, new Bounds(0.0, 10_000.0, null)),
			entry(TrialVariable.SOLUBLE_THROMBOMODULIN, new Bounds(0.0, 1000.0, null)),
			entry(TrialVariable.PROTEIN_S, new Bounds(0.0, 200.0, null))));

	static {
		for (TrialVariable variable : TrialVariable.values()) {
			if (!DEFAULTS.containsKey(variable)) {
				throw new IllegalStateException("no default plausible range for " + variable.id());
			}
		}
	}

	private final Map<TrialVariable, Bounds> bounds = new EnumMap<>(TrialVariable.class);

	Plausibility(CompletenessProperties properties) {
		DEFAULTS.forEach((variable, defaults) -> {
			Bounds set = properties.plausible().get(variable.id());
			set = set == null ? properties.plausible().get(variable.id().replace('_', '-')) : set;
			bounds.put(variable, set == null ? defaults
					: new Bounds(or(set.min(), defaults.min()), or(set.max(), defaults.max()),
							or(set.maxJump(), defaults.maxJump())));
		});
	}

	/** Why {@code value} (canonical unit) is implausible, or null when it is plausible. */
	String outOfRange(TrialVariable variable, double value) {
		Bounds b = bounds.get(variable);
		if (value < b.min() || value > b.max()) {
			return variable.id() + " " + number(value) + " " + variable.canonicalUnit() + " is outside the plausible range "
					+ number(b.min()) + ".." + number(b.max()) + " " + variable.canonicalUnit();
		}
		return null;
	}

	/** The largest plausible change within a day, or null when jumps of this variable are not checked. */
	Double maxJump(TrialVariable variable) {
		return bounds.get(variable).maxJump();
	}

	static String number(double value) {
		return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	private static Double or(Double set, Double fallback) {
		return set != null ? set : fallback;
	}
}
