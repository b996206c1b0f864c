package org.trialfhir.scoring;

/**
 * APACHE II points tables (Knaus et al. 1985, Table 2, as docs/scores-spec.md §4), cut-point tiled (§1.6, D6): every band
 * is [lower, upper). Only the PaO₂ row is written as printed (&gt; 70 → 0, 61–70 → 1), see {@link #pao2}.
 */
final class ApacheBands {

	static final Bands TEMPERATURE = Bands.atLeast(4, 41, 4, 39, 3, 38.5, 1, 36, 0, 34, 1, 32, 2, 30, 3);
	static final Bands MAP = Bands.atLeast(4, 160, 4, 130, 3, 110, 2, 70, 0, 50, 2);
	static final Bands HEART_RATE = Bands.atLeast(4, 180, 4, 140, 3, 110, 2, 70, 0, 55, 2, 40, 3);
	static final Bands RESP_RATE = Bands.atLeast(4, 50, 4, 35, 3, 25, 1, 12, 0, 10, 1, 6, 2);
	static final Bands AADO2 = Bands.atLeast(0, 500, 4, 350, 3, 200, 2);
	static final Bands PH = Bands.atLeast(4, 7.70, 4, 7.60, 3, 7.50, 1, 7.33, 0, 7.25, 2, 7.15, 3);
	static final Bands HCO3 = Bands.atLeast(4, 52, 4, 41, 3, 32, 1, 22, 0, 18, 2, 15, 3);
	static final Bands SODIUM = Bands.atLeast(4, 180, 4, 160, 3, 155, 2, 150, 1, 130, 0, 120, 2, 111, 3);
	static final Bands POTASSIUM = Bands.atLeast(4, 7, 4, 6, 3, 5.5, 1, 3.5, 0, 3, 1, 2.5, 2);
	static final Bands CREATININE = Bands.atLeast(2, 3.5, 4, 2, 3, 1.5, 2, 0.6, 0);
	static final Bands HEMATOCRIT = Bands.atLeast(4, 60, 4, 50, 2, 46, 1, 30, 0, 20, 2);
	static final Bands WBC = Bands.atLeast(4, 40, 4, 20, 2, 15, 1, 3, 0, 1, 2);
	/** Completed years: ≤ 44 → 0; 45–54 → 2; 55–64 → 3; 65–74 → 5; ≥ 75 → 6. */
	static final Bands AGE = Bands.atLeast(0, 75, 6, 65, 5, 55, 3, 45, 2);

	private ApacheBands() {
	}

	/** PaO₂ when FiO₂ &lt; 0.5: &gt; 70 → 0; 61 ≤ v ≤ 70 → 1; 55 ≤ v &lt; 61 → 3; &lt; 55 → 4. */
	static int pao2(double v) {
		if (v > 70) {
			return 0;
		}
		return v >= 61 ? 1 : v >= 55 ? 3 : 4;
	}
}
