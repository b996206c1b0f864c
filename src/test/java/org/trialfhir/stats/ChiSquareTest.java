package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChiSquareTest {

    static Stream<Named<RFixture.Row>> rCases() {
        return TwoByTwoFixture.rows();
    }

    @ParameterizedTest
    @MethodSource("rCases")
    void equalsRChisqTestWithYates(RFixture.Row r) {
        final PValueResult result = ChiSquare.yates(TwoByTwoFixture.table(r));

        assertMatches("X²", r.number("chisq"), result.statistic());
        assertMatches("p", r.number("chisq_p"), result.p());
    }

    @Test
    void tenOfTwentyVersusFiveOfTwentyByHand() {
        // E = 7.5, 7.5 (events) and 12.5, 12.5; |O − E| = 2.5, Yates leaves 2;
        // X² = 4/7.5 + 4/7.5 + 4/12.5 + 4/12.5 = 1.0666… + 0.64 = 1.7066…
        final PValueResult result = ChiSquare.yates(new TwoByTwo(10, 20, 5, 20));

        assertThat(result.statistic()).isCloseTo(1.0 + 2.0 / 30 + 0.64, within(1e-12));
        // p = P(χ²₁ ≥ X²) = 2(1 − Φ(√X²)) = 2(1 − Φ(1.30639)) ≈ 0.19142
        assertThat(result.p()).isCloseTo(0.19142, within(1e-5));
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void anExpectedCountOfZeroIsNotEstimable() {
        assertThat(ChiSquare.yates(new TwoByTwo(0, 5, 0, 5)).p()).isNull();
    }
}
