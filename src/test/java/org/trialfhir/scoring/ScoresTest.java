package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialfhir.units.TrialVariable;

class ScoresTest {

    @Test
    void allSixScoresWithTheContractCodes() {
        List<ScoreResult> all = Scores.all(Days.day().build());
        assertThat(all).extracting(ScoreResult::code)
                .containsExactly("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic");
    }

    @Test
    void componentCodesFollowTheContract() {
        // CONTRACT.md: <score>-<component>, underscores become hyphens
        List<ScoreResult> all = Scores.all(Days.day().build());
        assertThat(all.get(0).componentCode("respiration")).isEqualTo("sofa-respiration");
        assertThat(all.get(1).componentCode("heart_rate")).isEqualTo("apache-ii-heart-rate");
        assertThat(all.get(3).componentCode("fdp")).isEqualTo("jaam-dic-fdp");
        assertThat(all.get(4).componentCode("fibrinogen")).isEqualTo("isth-dic-fibrinogen");
        assertThat(all.get(5).componentCode("underlying_disease")).isEqualTo("jmhw-dic-underlying-disease");
    }

    @Test
    void analytesMatchTrialVariablesByNameAndUnit() {
        for (Analyte a : Analyte.values()) {
            TrialVariable v = TrialVariable.valueOf(a.name());
            assertThat(a.unit()).as(a.name()).isEqualTo(v.canonicalUnit());
            assertThat(a.id()).isEqualTo(v.id());
        }
    }
}
