package org.trialfhir.simulator;

/**
 * How a site reports its results: codes and units per variable. Every unit here is on the accepted list of
 * docs/scores-spec.md §2.1 (or §2.3 for the followed, unscored variables).
 */
enum UnitStyle {
	/** Japanese practice: platelets ×10⁴/µL, WBC /µL, mg/dL chemistry, mEq/L, lactate mg/dL, axillary. */
	JAPAN,
	/** SI: ×10⁹/L counts, µmol/L creatinine and bilirubin, g/L fibrinogen, kPa gases, FiO₂ as a fraction. */
	SI,
	/** US conventional: ×10³/µL counts, mg/dL chemistry, °F, FiO₂ in %. */
	US;

	Measure measure(Variable variable) {
		Measure own = switch (this) {
			case JAPAN -> switch (variable) {
				case TEMPERATURE -> Measure.loinc("8328-7", "Axillary temperature", "Cel", 1, 1);
				case PLATELETS -> Measure.loinc("777-3", variable.display(), "10*4/uL", 0.1, 1);
				case WBC -> Measure.loinc("6690-2", variable.display(), "/uL", 1000, 0);
				case LACTATE -> Measure.loinc("2524-7", variable.display(), "mg/dL", 9.008, 1);
				case SODIUM, POTASSIUM -> variable.base().withUnit("meq/L", 1);
				case FIO2 -> variable.base().withUnit("%", 100).withScale(0);
				default -> null;
			};
			case SI -> switch (variable) {
				case CREATININE -> Measure.loinc("14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "umol/L", 88.4, 0);
				case BILIRUBIN -> Measure.loinc("14631-6", "Bilirubin.total [Moles/volume] in Serum or Plasma", "umol/L",
						17.1, 0);
				case FIBRINOGEN -> variable.base().withUnit("g/L", 0.01).withScale(2);
				case FDP, D_DIMER -> variable.base().withUnit("mg/L", 1);
				case HEMATOCRIT -> variable.base().withUnit("L/L", 0.01).withScale(3);
				case PAO2, PACO2 -> variable.base().withUnit("kPa", 1 / 7.50062).withScale(2);
				case PLATELETS, WBC -> variable.base().withUnit("10*9/L", 1);
				default -> null;
			};
			case US -> switch (variable) {
				case TEMPERATURE -> variable.base().withUnit("[degF]", 1.8).withOffset(32);
				case FIO2 -> variable.base().withUnit("%", 100).withScale(0);
				default -> null;
			};
		};
		return own != null ? own : variable.base();
	}
}
