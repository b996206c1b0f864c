package org.trialfhir.scoring;

/** Why a score result needs a second look (docs/scores-spec.md §1.5, notes and flags). Details are in the notes. */
public enum Flag {
	/** A value reported as a bound ("&lt;10", "&gt;150") was used (D21). */
	COMPARATOR_USED,
	/** A preliminary result was used (the site allows it; docs/scores-spec.md §1.2). */
	PRELIMINARY_USED,
	/** An input of a variable this score reads was rejected by the mapper (unit, sign, ambiguity). */
	INPUT_REJECTED,
	/** INR used as the PT ratio (§1.8, D16). */
	INR_FOR_PT_RATIO,
	/** PT seconds (or ratio) present but no PT control seconds configured for the site. */
	PT_CONTROL_MISSING,
	/** D-dimer used in place of FDP: JAAM kit equivalents, ISTH D-dimer cut-offs (D17). */
	DDIMER_FOR_FDP,
	/** Urine output present but the periods do not cover the whole day: not used (D5). */
	URINE_WINDOW_INCOMPLETE,
	/** No vasopressor record overlaps the day: cardiovascular scored from MAP alone. */
	VASOPRESSOR_DATA_ABSENT,
	/** An FiO₂ outside 0.21–1.0 was dropped (§1.2). */
	FIO2_IMPLAUSIBLE,
	/** A gas could not be scored (no FiO₂; APACHE A-aDO₂ without PaCO₂; SOFA without PaO₂/FiO₂ or P/F). */
	GAS_SKIPPED,
	/** Respiratory support status unknown at a gas: scored as no support (D4). */
	SUPPORT_UNKNOWN,
	/** APACHE II acid–base from serum HCO₃ because no arterial pH that day. */
	HCO3_FOR_PH,
	/** APACHE II acute renal failure not recorded: scored as absent (D12). */
	ARF_NOT_RECORDED,
	/** APACHE II chronic health present, operative status unknown: 5 points (D11). */
	OPERATIVE_STATUS_UNKNOWN,
	/** Underlying disease not recorded: JAAM/ISTH assume it present (D19). */
	UNDERLYING_DISEASE_ASSUMED,
	/** JAAM: no serial platelet counts within 24 h, the fall was not evaluated (§6). */
	PLATELET_FALL_NOT_EVALUABLE,
	/** JAAM, JAAM-2: the platelet item rests on a fall of exactly 30 % or 50 %, scored inclusively (D13, E21). */
	PLATELET_FALL_AT_BOUNDARY,
	/** JMHW haematological type: bleeding and platelets score 0, thresholds 4/3. */
	HEMATOLOGIC_TYPE,
	/** JMHW liver cirrhosis: total = raw total − 3. */
	LIVER_CIRRHOSIS,
	/** JMHW haematological type and cirrhosis together: the cirrhosis rule wins (D20). */
	HEMATOLOGIC_WITH_CIRRHOSIS,
	/** SIC: no PT-INR that day, the PT ratio stood in for it (docs/scores-spec.md §12, E20). */
	PT_RATIO_FOR_INR,
	/** SIC: one or more of the four SOFA-1 parts missing, counted 0 and listed (docs/scores-spec.md §12). */
	SOFA_PART_MISSING,
	/** SIC: the derivation-paper rule and the "total ≥ 4" reading disagree that day (docs/scores-spec.md §12, E19). */
	SIC_RULE_DIVERGENT,
	/** SOFA-2: a P/F or S/F reading was dropped as transient, a later one within 60 min scoring less (E4). */
	TRANSIENT_DROPPED,
	/** SOFA-2: ECMO with no recorded configuration, counted for respiratory only (E8). */
	ECMO_CONFIGURATION_UNKNOWN,
	/** SOFA-2: a right-ventricular assist device ran in the day; it is not circulatory support in Table 2 (E8). */
	RVAD_NOT_SCORED,
	/** SOFA-2: a norepinephrine product the site's product table does not name; its rate was taken as base (E10). */
	NOREPINEPHRINE_SALT_UNKNOWN,
	/**
	 * SOFA-2: the eCRF records a ceiling of treatment for the day; ratios scored without the cap of 2 and MAP with
	 * the MAP-only bands (footnotes h and m, E2).
	 */
	CEILING_OF_TREATMENT,
	/** SOFA-2: GCS charted during sedation ignored; the last GCS before the sedation episode stood in (footnote c). */
	PRESEDATION_GCS_USED,
	/** SOFA-2: kidney 4 because the RRT criteria were met without RRT (footnote p, E13). */
	RRT_CRITERIA_MET,
	/** SOFA-2: a venous pH decided the metabolic-acidosis arm of the RRT criteria (E13). */
	VENOUS_PH_USED,
	/** SOFA-2: urine output present but no body weight, so no mL/kg/h rate (E11). */
	WEIGHT_MISSING
}
