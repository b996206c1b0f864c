package org.trialfhir.analysis.data;

import org.trialfhir.units.TrialVariable;

/**
 * How one value per study day is chosen for a measured variable: the worst value of docs/scores-spec.md §1.4 where that table
 * lists the variable, else the day's last value.
 */
public enum DayRule {
	/** Platelets, GCS, MAP (SOFA), P/F, fibrinogen, PaCO₂ (SIRS). */
	LOWEST("lowest value of the day"),
	/** Bilirubin, creatinine (SOFA), PT, PT ratio, INR, FDP, D-dimer, bands (SIRS). */
	HIGHEST("highest value of the day"),
	/** APACHE II two-sided variables: §1.4 scores both the day's minimum and maximum and keeps the larger score. */
	APACHE_WORST("the day's minimum or maximum, whichever scores more APACHE II points (a tie: the later one)"),
	/** Urine output: §1.4 "total volume over the 24-h window". */
	DAY_TOTAL("total of the day"),
	/** Every variable §1.4 does not list. */
	LAST("last value of the day");

	private final String description;

	DayRule(String description) {
		this.description = description;
	}

	public String description() {
		return description;
	}

	public static DayRule of(TrialVariable variable) {
		return switch (variable) {
			case PLATELETS, GCS, MAP, PF_RATIO, FIBRINOGEN, PACO2 -> LOWEST;
			case BILIRUBIN, CREATININE, PT_S, PT_RATIO, INR, FDP, D_DIMER, BANDS_PCT -> HIGHEST;
			case TEMPERATURE, HEART_RATE, RESP_RATE, PH, HCO3, SODIUM, POTASSIUM, HEMATOCRIT, WBC -> APACHE_WORST;
			case URINE_OUTPUT -> DAY_TOTAL;
			default -> LAST;
		};
	}
}
