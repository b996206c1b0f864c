package org.trialfhir.derive;

/**
 * The scores of {@link SepticDicCase}, day 1 to 10, worked out by hand from docs/scores-spec.md (§3 SOFA, §4 APACHE II, §5 SIRS,
 * §6 JAAM, §7 ISTH, §8 JMHW, §12 SIC, §13 JAAM-2); the arithmetic is in the comments. Platelets are sent in ×10⁴/µL (×10 → ×10⁹/L); PT
 * control 12.0 s; age 73 → APACHE age points 5 (65–74); chronic health false → 0; underlying disease and organ
 * failure true from day 1; bleeding true from day 6.
 */
final class SepticDicCaseScores {

	// SOFA = respiration + coagulation + liver + cardiovascular + CNS + renal
	// d1: P/F 80/0.6 = 133.3 on MV (<200) 3; plt 75 (50-100) 2; bili 1.4 (1.2-2) 1; NE 0.15 > 0.1 4; GCS 8 (6-9) 3;
	//     renal max(cre 1.8 -> 1, urine 150+200 = 350 < 500 -> 3) 3                                   = 16
	// d2: 95/0.5 (FiO2 charted 3 h before) = 190 on MV 3; plt 68 2; bili 2.2 (2-6) 2; NE 0.15 for 24-30 h 4; GCS 8 3;
	//     max(cre 2.1 -> 2, urine 600 -> 0) 2                                                          = 16
	// d3: 100/0.4 = 250 (<300) 2; plt 61 2; bili 2.5 2; NE 0.288 mg/h / 60 kg = 0.08 (<=0.1) for 2 h 3; GCS 9 3;
	//     max(cre 1.6 -> 1, urine 1300 -> 0) 1                                                         = 13
	// d4: 110/0.35 = 314.3 (300-400) 1; plt 72 2; bili 1.9 1; no agent, MAP 74 0; GCS 10 2; cre 1.3 1, urine
	//     covers half the day (not used)                                                              = 7
	// d5: gas 120/0.3 = 400 on MV 0, gas after extubation 62/0.28 = 221.4 no support (<300) 2 -> 2; plt 85 2;
	//     bili 1.5 1; MAP 80 0; GCS 13 1; cre 1.1 0                                                     = 6
	// d6: 75/0.21 = 357.1 1; plt 90 2; bili 1.2 1; MAP 64 < 70 1; GCS 15 0; cre 1.0 0                    = 5
	// d7: no gas (missing); plt 110 (100-150) 1; others 0                                              = 1
	// d8: plt 135 1 = 1;  d9: plt 152 0 = 0;  d10: plt 180 0 = 0
	static final int[] SOFA = {16, 16, 13, 7, 6, 5, 1, 1, 0, 0};

	// APACHE II = APS (temp, MAP, HR, RR, oxygenation, pH/HCO3, Na, K, creatinine, Hct, WBC, 15 - GCS) + age 5
	// d1: T 39.2 3; MAP 62 2; HR 128 2; RR 28 1; FiO2 0.6 -> A-aDO2 0.6*(760-47) - 38/0.8 - 80 = 427.8 - 47.5 - 80
	//     = 300.3 (200-350) 2; pH 7.28 2; Na 133 0; K 3.3 1; cre 1.8 2; Hct 31 0; WBC 18.5 1; GCS 15-8 = 7
	//     APS 23 + 5                                                                                  = 28
	// d2: T 38.6 1; MAP 66 2; HR 118 2; RR 26 1; A-aDO2 0.5*713 - 41/0.8 - 95 = 356.5 - 51.25 - 95 = 210.25 2;
	//     pH 7.31 2; Na 136 0; K 3.8 0; cre 2.1 3; Hct 29 2; WBC 16 1; GCS 7 -> APS 23 + 5                = 28
	// d3: all vitals 0 (T 38.3, MAP 70, HR 102, RR 22); FiO2 0.4 -> PaO2 100 0; pH 7.36 0; cre 1.6 2; Hct 28 2;
	//     WBC 13 0; GCS 6 -> APS 10 + 5                                                                 = 15
	// d4: GCS 5 only (Hct 30 0, cre 1.3 0) -> 5 + 5                                                     = 10
	// d5: oxygenation: PaO2 120 @ 0.3 -> 0, PaO2 62 @ 0.28 (61-70) -> 1, highest 1; GCS 2 -> 3 + 5      = 8
	// d6: MAP 64 2; Hct 24 2 -> 4 + 5                                                                   = 9
	// d7-d9: Hct 27 / 28 / 29 (20-30) 2, acid-base from HCO3 23-25 0, oxygenation missing -> 2 + 5      = 7
	// d10: Hct 30 0 -> 0 + 5                                                                            = 5
	static final int[] APACHE = {28, 28, 15, 10, 8, 9, 7, 7, 7, 5};

	// SIRS: T > 38 or < 36; HR > 90; RR > 20 or PaCO2 < 32; WBC > 12 or < 4
	// d1 4; d2 4; d3 (38.3, 102, 22, 13) 4; d4 (HR 96 only) 1; d5 (HR 92, RR 24) 2; d6 (38.4, 108, 22, 12.5) 4;
	// d7 (HR 90 is not > 90, RR 20 not > 20) 0; d8-d10 0
	static final int[] SIRS = {4, 4, 4, 1, 2, 4, 0, 0, 0, 0};

	// JAAM = SIRS item + platelets (count or 24-h fall) + PT ratio + FDP; DIC >= 4
	// d1: SIRS 4 -> 1; plt 75 < 80 -> 3 (fall 120 -> 75 = 37.5 % -> 1); PT 15.6/12 = 1.3 -> 1; FDP 32 -> 3 = 8
	// d2: 1; plt 68 -> 3 (fall from 120 exactly 24 h before = 43.3 %); 16.2/12 = 1.35 -> 1; FDP 28 -> 3  = 8
	// d3: 1; plt 61 -> 3; 15.0/12 = 1.25 -> 1; FDP 22 (10-25) -> 1                                      = 6
	// d4: SIRS 1 met, none missing -> 0; plt 72 -> 3; 14.4/12 = 1.2 (>= 1.2) -> 1; FDP 15 -> 1           = 5
	// d5: SIRS 2 -> 0; plt 85 (80-120) -> 1, a rise from 72; 13.8/12 = 1.15 -> 0; FDP 11 -> 1            = 2
	// d6: SIRS 4 -> 1; plt 90 -> 1; 1.1 -> 0; FDP 9.5 -> 0                                               = 2
	// d7: 0; plt 110 -> 1; 0; FDP 7 -> 0 = 1;  d8: plt 135 0, INR 1.10 as PT ratio (flagged) 0, FDP 5 0 = 0
	// d9: FDP missing, D-dimer 6.0 through Sysmex 5.4 / 13.2 -> 1 (flagged); rest 0                     = 1
	// d10: 0
	static final int[] JAAM = {8, 8, 6, 5, 2, 2, 1, 0, 1, 0};
	static final Boolean[] JAAM_DIC = {true, true, true, true, false, false, false, false, false, false};

	// ISTH = platelets (>=100 0, 50-100 1, <50 2) + FDP (<10 0, 10-25 2, >=25 3) + PT s over 12.0 (<3 0, 3-6 1,
	// >=6 2) + fibrinogen (<100 mg/dL 1); overt DIC >= 5
	// d1: 75 -> 1; 32 -> 3; 15.6 - 12 = 3.6 -> 1; 180 -> 0 = 5 (true)
	// d2: 68 -> 1; 28 -> 3; 4.2 -> 1; 140 -> 0 = 5 (true)
	// d3: 61 -> 1; 22 -> 2; 3.0 -> 1; 130 -> 0 = 4, nothing missing (false)
	// d4: 72 -> 1; 15 -> 2; 2.4 -> 0 = 3;  d5: 85 -> 1; 11 -> 2; 1.8 -> 0 = 3;  d6: 90 -> 1; 9.5 -> 0 = 1
	// d7: 110 -> 0 = 0;  d8: PT missing (INR is never used), max possible 2 = 0;  d9: fibrin marker missing (no
	// D-dimer cut-offs), max possible 3 = 0;  d10: 0
	static final int[] ISTH = {5, 5, 4, 3, 3, 1, 0, 0, 0, 0};
	static final Boolean[] ISTH_DIC = {true, true, false, false, false, false, false, false, false, false};

	// JMHW = underlying disease 1 + bleeding + organ failure 1 + FDP (<10 0, 10-20 1, 20-40 2) + platelets (>120 0,
	// 80-120 1, 50-80 2, <=50 3) + fibrinogen (>150 0, 100-150 1) + PT ratio (<1.25 0, 1.25-1.67 1); DIC >= 7,
	// suspected 6, unlikely <= 5
	// d1: 1 + 0 + 1 + 32 -> 2 + 75 -> 2 + 180 -> 0 + 1.3 -> 1 = 7 (dic)
	// d2: 1 + 0 + 1 + 28 -> 2 + 68 -> 2 + 140 -> 1 + 1.35 -> 1 = 8 (dic)
	// d3: 1 + 0 + 1 + 22 -> 2 + 61 -> 2 + 130 -> 1 + 1.25 -> 1 = 8 (dic)
	// d4: 1 + 0 + 1 + 15 -> 1 + 72 -> 2 + 0 + 1.2 -> 0 = 5 (unlikely)
	// d5: 1 + 0 + 1 + 11 -> 1 + 85 -> 1 + 0 + 0 = 4;  d6: 1 + bleeding 1 + 1 + 0 + 90 -> 1 = 4;
	// d7: 1 + 1 + 1 + 110 -> 1 = 4;  d8: 1 + 1 + 1 + 135 -> 0 = 3;
	// d9: FDP missing (D-dimer never replaces it) 3, max possible 6: unlikely at 3, suspected at 6 -> indeterminate
	// d10: 3
	static final int[] JMHW = {7, 8, 8, 5, 4, 4, 4, 3, 3, 3};
	static final String[] JMHW_CATEGORY = {"dic", "dic", "dic", "unlikely", "unlikely", "unlikely", "unlikely",
		"unlikely", null, "unlikely"};

	// SIC = platelets (>= 150 0, 100-150 1, < 100 2) + PT-INR (<= 1.2 0, 1.2-1.4 1, > 1.4 2; no INR: the PT ratio,
	// flagged) + min(SOFA respiration + cardiovascular + liver + renal, 2) (the parts from the SOFA lines above).
	// Diagnosis: total >= 4 and platelet + PT-INR points >= 3; the other reading: total >= 4
	// d1: 75 -> 2; 15.6/12 = 1.3 -> 1; 3 + 4 + 1 + 3 = 11 -> 2              = 5, coag 3: true / true
	// d2: 68 -> 2; 16.2/12 = 1.35 -> 1; 3 + 4 + 2 + 2 = 11 -> 2             = 5, coag 3: true / true
	// d3: 61 -> 2; 15.0/12 = 1.25 -> 1; 2 + 3 + 2 + 1 = 8 -> 2              = 5, coag 3: true / true
	// d4: 72 -> 2; 14.4/12 = 1.2 (not > 1.2) -> 0; 1 + 0 + 1 + 1 = 3 -> 2    = 4, coag 2: false / true (divergent)
	// d5: 85 -> 2; 13.8/12 = 1.15 -> 0; 2 + 0 + 1 + 0 = 3 -> 2              = 4, coag 2: false / true (divergent)
	// d6: 90 -> 2; 13.2/12 = 1.1 -> 0; 1 + 1 + 1 + 0 = 3 -> 2               = 4, coag 2: false / true (divergent)
	// d7: 110 -> 1; 12.6/12 = 1.05 -> 0; respiration missing (no gas), 0 + 0 + 0 -> 0 = 1, max 1 + (2 - 0) = 3:
	//     false / false
	// d8: 135 -> 1; INR 1.10 (an INR: no surrogate) -> 0; respiration missing -> 0 = 1, max 3: false / false
	// d9: 152 -> 0; 12.4/12 = 1.033 -> 0; respiration missing -> 0 = 0, max 2: false / false
	// d10: 180 -> 0; 12.2/12 = 1.017 -> 0; respiration missing -> 0 = 0, max 2: false / false
	static final int[] SIC = {5, 5, 5, 4, 4, 4, 1, 1, 0, 0};
	static final Boolean[] SIC_DIAGNOSIS = {true, true, true, false, false, false, false, false, false, false};
	static final Boolean[] SIC_TOTAL_GE4 = {true, true, true, true, true, true, false, false, false, false};

	// JAAM-2 = platelets (count or 24-h fall) + FDP + PT ratio, JAAM's items without SIRS; DIC >= 3
	// d1: 75 -> 3; FDP 32 -> 3; 1.3 -> 1 = 7;  d2: 68 -> 3; 28 -> 3; 1.35 -> 1 = 7;  d3: 61 -> 3; 22 -> 1; 1.25 -> 1 = 5
	// d4: 72 -> 3; 15 -> 1; 1.2 -> 1 = 5 (DIC; JAAM 5 too);  d5: 85 -> 1; 11 -> 1; 1.15 -> 0 = 2
	// d6: 90 -> 1; 9.5 -> 0; 1.1 -> 0 = 1;  d7: 110 -> 1; 7 -> 0; 1.05 -> 0 = 1;  d8: 135 -> 0; 5 -> 0; INR 1.10 -> 0 = 0
	// d9: 152 -> 0; D-dimer 6.0 (5.4-13.2) -> 1; 1.033 -> 0 = 1;  d10: 0
	static final int[] JAAM_2 = {7, 7, 5, 5, 2, 1, 1, 0, 1, 0};
	static final Boolean[] JAAM_2_DIC = {true, true, true, true, false, false, false, false, false, false};

	private SepticDicCaseScores() {}
}
