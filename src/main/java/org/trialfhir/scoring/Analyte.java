package org.trialfhir.scoring;

/**
 * Day-level measurements the scores read. Each is named as the trial variable it is read from
 * ({@code org.trialfhir.units.TrialVariable}), so a mapper can do {@code Analyte.valueOf(variable.name())}, and its
 * values are in that variable's canonical unit, the unit the scores' thresholds are written in (docs/scores-spec.md
 * §2.1). The unit is not repeated here: the variable table is its one source, and ScoresTest pins it to the unit of
 * the thresholds. PaO₂, PaCO₂, arterial pH and a reported P/F are not here: they are members of an
 * {@link ArterialGas}. {@link #FIO2} holds charted FiO₂ (for pairing, docs/scores-spec.md §1.2).
 */
public enum Analyte {
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
	FIO2,
	HCO3,
	SODIUM,
	POTASSIUM,
	HEMATOCRIT,
	PT_S,
	PT_RATIO,
	INR,
	FDP,
	D_DIMER,
	FIBRINOGEN,
	/** Pulse oximetry (SOFA-2 S/F, docs/scores-spec.md §14). */
	SPO2,
	/** GCS best motor response 1–6, used when the full GCS cannot be assessed (SOFA-2 footnote d). */
	GCS_MOTOR,
	/** Venous pH (SOFA-2 RRT criteria accept it, flagged; E13). */
	PH_VENOUS,
	/** Body weight for the per-kilogram urine rates of SOFA-2 (E11). */
	WEIGHT_KG
}
