package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialfhir.units.TrialVariable;

class ScoresTest {

	@Test
	void everyScoreWithTheContractCodes() {
		List<ScoreResult> all = Scores.all(Days.day().build());
		assertThat(all).extracting(ScoreResult::code)
				.containsExactly("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic", "sic", "jaam-2-dic",
						"sofa-2");
		assertThat(Scores.ALGORITHM_VERSION).isEqualTo("trialfhir-scores-1.1.0");
	}

	@Test
	void everyComputedScoreIsSelectableAndTheDefaultsStayTheOriginalSix() {
		assertThat(Scores.CODES).containsExactly("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic", "sic",
				"jaam-2-dic", "sofa-2");
		assertThat(Scores.all(Days.day().build())).extracting(ScoreResult::code)
				.allSatisfy(code -> assertThat(Scores.CODES).contains(code));
		assertThat(Scores.ORIGINAL_SIX).containsExactly("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic",
				"jmhw-dic");
	}

	@Test
	void sicReadsTheSameDaysSofa() {
		// SOFA-1: MAP 65 (< 70) -> cardiovascular 1; creatinine 2.5 mg/dL (2.0-3.4) -> renal 2; respiration and liver
		// missing. SIC: SOFA item min(1 + 2, 2) = 2; platelets 200 -> 0; no INR, no PT ratio -> missing
		DayInputs in = Days.day().add(Analyte.MAP, Days.m(65, 2)).add(Analyte.CREATININE, Days.m(2.5, 2))
				.add(Analyte.PLATELETS, Days.m(200, 2)).build();
		List<ScoreResult> all = Scores.all(in);
		assertThat(((SofaResult) all.get(0)).components()).containsEntry("cardiovascular", 1).containsEntry("renal",
				2);
		SicResult sic = (SicResult) all.get(6);
		assertThat(sic.sofa4Sum()).isEqualTo(3);
		assertThat(sic.components()).containsEntry("platelets", 0).containsEntry("sofa", 2);
		assertThat(sic.total()).isEqualTo(2);
	}

	@Test
	void componentCodesFollowTheContract() {
		// docs/api.md §2.4: <score>-<component>, underscores become hyphens
		List<ScoreResult> all = Scores.all(Days.day().build());
		assertThat(all.get(0).componentCode("respiration")).isEqualTo("sofa-respiration");
		assertThat(all.get(1).componentCode("heart_rate")).isEqualTo("apache-ii-heart-rate");
		assertThat(all.get(3).componentCode("fdp")).isEqualTo("jaam-dic-fdp");
		assertThat(all.get(4).componentCode("fibrinogen")).isEqualTo("isth-dic-fibrinogen");
		assertThat(all.get(5).componentCode("underlying_disease")).isEqualTo("jmhw-dic-underlying-disease");
	}

	/** The canonical units of docs/scores-spec.md §2.1, in which every threshold of the scores is written. */
	private static final Map<Analyte, String> THRESHOLD_UNITS = Map.ofEntries(
			Map.entry(Analyte.PLATELETS, "10*9/L"), Map.entry(Analyte.WBC, "10*9/L"), Map.entry(Analyte.BANDS_PCT, "%"),
			Map.entry(Analyte.CREATININE, "mg/dL"), Map.entry(Analyte.BILIRUBIN, "mg/dL"),
			Map.entry(Analyte.TEMPERATURE, "Cel"), Map.entry(Analyte.HEART_RATE, "/min"),
			Map.entry(Analyte.RESP_RATE, "/min"), Map.entry(Analyte.MAP, "mm[Hg]"), Map.entry(Analyte.SBP, "mm[Hg]"),
			Map.entry(Analyte.DBP, "mm[Hg]"), Map.entry(Analyte.GCS, "{score}"), Map.entry(Analyte.FIO2, "1"),
			Map.entry(Analyte.HCO3, "mmol/L"), Map.entry(Analyte.SODIUM, "mmol/L"),
			Map.entry(Analyte.POTASSIUM, "mmol/L"), Map.entry(Analyte.HEMATOCRIT, "%"), Map.entry(Analyte.PT_S, "s"),
			Map.entry(Analyte.PT_RATIO, "1"), Map.entry(Analyte.INR, "{INR}"), Map.entry(Analyte.FDP, "ug/mL"),
			Map.entry(Analyte.D_DIMER, "ug/mL"), Map.entry(Analyte.FIBRINOGEN, "mg/dL"),
			Map.entry(Analyte.SPO2, "%"), Map.entry(Analyte.GCS_MOTOR, "{score}"), Map.entry(Analyte.PH_VENOUS, "[pH]"),
			Map.entry(Analyte.WEIGHT_KG, "kg"));

	@Test
	void eachAnalyteIsATrialVariableWhoseCanonicalUnitIsTheUnitOfTheThresholds() {
		assertThat(THRESHOLD_UNITS).containsOnlyKeys(Analyte.values());
		for (Analyte a : Analyte.values()) {
			TrialVariable v = TrialVariable.valueOf(a.name());
			assertThat(v.canonicalUnit()).as(a.name()).isEqualTo(THRESHOLD_UNITS.get(a));
			assertThat(v.scored()).as(a.name()).isTrue();
		}
	}
}
