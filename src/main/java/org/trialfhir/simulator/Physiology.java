package org.trialfhir.simulator;

/**
 * Maps latent levels to measured values. Each organ level 0..4 maps to the middle of the matching SOFA band
 * (interpolated between), so that a level near n scores about n on the SOFA component; the other variables
 * follow inflammation, DIC activity or the organ levels as in septic DIC. Formulas are the simulator's
 * own; the constants were tuned against the pilot figures (docs/simulator.md).
 */
final class Physiology {
	/** SOFA band middles at levels 0,1,2,3,4 (bands from docs/scores-spec.md §3). */
	static final double[] PF_RATIO = {460, 350, 250, 150, 75};
	static final double[] BILIRUBIN = {0.7, 1.6, 3.8, 8.5, 15};
	static final double[] CREATININE = {0.8, 1.55, 2.7, 4.2, 6.0};
	static final double[] GCS = {15, 13.5, 11, 7.5, 4.5};
	/** Normal plasma PT of the simulated labs (s) and the reagent ISI, for PT seconds and INR. */
	static final double CONTROL_PT_SECONDS = 11.8;
	static final double ISI = 1.05;

	private Physiology() {
	}

	static double interpolate(double[] table, double level) {
		double x = SubjectFactory.clamp(level, 0, table.length - 1);
		int i = Math.min((int) x, table.length - 2);
		return table[i] + (table[i + 1] - table[i]) * (x - i);
	}

	/** FiO₂ (fraction) in use for a respiratory level, on and off support. */
	static double fio2(double respiration, boolean supported) {
		double fio2 = supported ? 0.4 + 0.17 * Math.max(0, respiration - 1) : 0.21 + 0.09 * respiration;
		fio2 = SubjectFactory.clamp(fio2, 0.21, supported ? 1.0 : 0.5);
		// charted in steps of 5 %, but room air stays 21 % (a 20 % FiO2 would be rejected as implausible, docs/scores-spec.md §1.2)
		return Math.max(0.21, StrictMath.rint(fio2 * 20) / 20);
	}

	/** Urine output (mL/24 h); level 3 ≈ 330 mL (< 500), level 4 ≈ 180 mL (< 200). */
	static double urinePerDay(double renal) {
		return 1900 * StrictMath.exp(-0.58 * renal);
	}

	/** The catecholamine and rate (µg/kg/min) for a cardiovascular level, or null below 1.5 (no agent). */
	static Infusion vasopressor(double cardiovascular) {
		if (cardiovascular < 1.5) {
			return null;
		}
		if (cardiovascular < 2.5) {
			return new Infusion(ClinicalEvents.Vasopressor.DOPAMINE, Math.min(5, 3 + 2 * (cardiovascular - 1.5)));
		}
		double rate = cardiovascular < 3.5 ? 0.03 + 0.065 * (cardiovascular - 2.5) : 0.12 + 0.25 * (cardiovascular - 3.5);
		return new Infusion(ClinicalEvents.Vasopressor.NOREPINEPHRINE, rate);
	}

	record Infusion(ClinicalEvents.Vasopressor drug, double rate) {
	}
}
