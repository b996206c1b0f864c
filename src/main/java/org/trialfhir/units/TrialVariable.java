package org.trialfhir.units;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every measured variable of the trial: the scored ones (docs/scores-spec.md §2.1) and the followed ones (§2.3).
 *
 * <p>Only the names and the judgements code needs (scored, can be negative) are written here. The codes and the
 * accepted units are read from the ValueSets the server publishes, {@code profiles/ValueSet-variable-<v>.json} and
 * {@code profiles/ValueSet-units-<v>.json} ({@code <v>} = the id with hyphens), so that the REST push (profile
 * validation), the pull, derivation and analysis accept exactly what clients are told ({@link VariableValueSets}).
 * A constant without its ValueSets fails at class initialization, that is at the server's start.
 *
 * <p>Accepted units are exact UCUM codes (case-sensitive), the canonical unit first. Anything else is rejected by
 * {@link UnitConverter}; nothing is guessed.
 */
public enum TrialVariable {
	// --- scored (§2.1) ---
	PLATELETS,
	WBC,
	BANDS_PCT,
	CREATININE,
	BILIRUBIN,
	TEMPERATURE,
	HEART_RATE,
	RESP_RATE,
	MAP,
	SBP,
	DBP,
	GCS,
	PAO2,
	PACO2,
	PH,
	FIO2,
	PF_RATIO,
	HCO3,
	SODIUM,
	POTASSIUM,
	HEMATOCRIT,
	URINE_OUTPUT,
	PT_S,
	PT_RATIO,
	INR,
	FDP,
	D_DIMER,
	FIBRINOGEN,
	SPO2,
	GCS_MOTOR,
	PH_VENOUS,
	WEIGHT_KG,
	// --- followed, not scored (§2.3) ---
	LACTATE,
	ANTITHROMBIN,
	PROTEIN_C,
	IL6,
	TNF_ALPHA,
	IL1_BETA,
	HMGB1,
	SOLUBLE_THROMBOMODULIN,
	PROTEIN_S;

	public static final String LOINC = "http://loinc.org";
	public static final String TRIAL_LAB = "http://trialfhir.org/fhir/CodeSystem/trial-lab";

	private static final Map<TrialVariable, VariableValueSets.Definition> DEFINITIONS =
			VariableValueSets.load(values());
	private static final Map<String, TrialVariable> BY_SYSTEM_AND_CODE = new HashMap<>();

	static {
		for (TrialVariable v : values()) {
			for (String code : v.codes()) {
				TrialVariable previous = BY_SYSTEM_AND_CODE.put(v.system() + "|" + code, v);
				if (previous != null) {
					throw new IllegalStateException("code " + code + " used by " + previous + " and " + v);
				}
			}
		}
	}

	/** snake_case id as in docs/scores-spec.md §2, e.g. {@code platelets}, {@code pt_ratio}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Canonical UCUM code every value is converted to before scoring: the first of {@link #acceptedUnits()}. */
	public String canonicalUnit() {
		return acceptedUnits().get(0);
	}

	/** Code system of {@link #codes()}: {@link #LOINC} or {@link #TRIAL_LAB}. */
	public String system() {
		return DEFINITIONS.get(this).system();
	}

	/** Observation.code codes in {@link #system()}; the first is the preferred one. */
	public List<String> codes() {
		return DEFINITIONS.get(this).codes();
	}

	/** Exact UCUM codes accepted for this variable (the canonical unit first). */
	public List<String> acceptedUnits() {
		return DEFINITIONS.get(this).units();
	}

	/** Charted as a vital sign (ValueSet trial-vital-signs) rather than reported as a laboratory result. */
	public boolean vitalSign() {
		return DEFINITIONS.get(this).vitalSign();
	}

	/**
	 * True only for temperature (°C, °F). Every other trial variable is a count, concentration, activity,
	 * pressure, rate, ratio, score, volume or weight: a negative value is not a measurement but an error.
	 */
	public boolean canBeNegative() {
		return this == TEMPERATURE;
	}

	/** True for the variables of docs/scores-spec.md §2.1 (scored or needed by a score), false for §2.3. */
	public boolean scored() {
		return ordinal() <= WEIGHT_KG.ordinal();
	}

	public static Optional<TrialVariable> byLoinc(String code) {
		return byCode(LOINC, code);
	}

	public static Optional<TrialVariable> byCode(String system, String code) {
		return Optional.ofNullable(BY_SYSTEM_AND_CODE.get(system + "|" + code));
	}

	public static Optional<TrialVariable> byId(String id) {
		return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
	}

	/** {@code <v>} of the variable's ValueSets {@code variable-<v>} and {@code units-<v>}: the id with hyphens. */
	String valueSetKey() {
		return id().replace('_', '-');
	}

	/** Display for messages: "platelets (LOINC 777-3)". */
	String label() {
		return id() + (system().equals(LOINC) ? " (LOINC " : " (trial-lab ") + codes().get(0) + ")";
	}
}
