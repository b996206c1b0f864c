package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trialfhir.randomization.StratificationFactor.BASELINE_JAAM;
import static org.trialfhir.randomization.StratificationFactor.SITE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stratum keys: default factors site and baseline JAAM DIC split into < 6 and ≥ 6 (docs/randomization.md "Strata"). */
class StratumTest {

	@ParameterizedTest(name = "JAAM {0} → {1}")
	@CsvSource({
		"0, baseline-jaam=lt6",
		"5, baseline-jaam=lt6", // the highest score below the cut-off
		"6, baseline-jaam=ge6", // '≥ 6': the cut-off itself is in the upper stratum
		"8, baseline-jaam=ge6"})
	void jaamIsSplitAtTheCutOff(int score, String key) {
		assertThat(Stratum.of(List.of(BASELINE_JAAM), null, score, 6).key()).isEqualTo(key);
	}

	@Test
	void siteAndJaamMakeOneKeyWhateverTheFactorOrder() {
		assertThat(Stratum.of(List.of(SITE, BASELINE_JAAM), "site-a", 4, 6).key())
				.isEqualTo("site=site-a|baseline-jaam=lt6");
		assertThat(Stratum.of(List.of(BASELINE_JAAM, SITE), "site-a", 4, 6).key())
				.isEqualTo("site=site-a|baseline-jaam=lt6");
	}

	@Test
	void noFactorsIsOneStratum() {
		assertThat(Stratum.of(List.of(), "site-a", 7, 6).key()).isEqualTo("all");
	}

	@Test
	void aFactorWithoutValueIsRefused() {
		assertThatThrownBy(() -> Stratum.of(List.of(SITE), null, 7, 6)).isInstanceOf(IllegalArgumentException.class);
	}
}
