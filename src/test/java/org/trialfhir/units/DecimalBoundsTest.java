package org.trialfhir.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalBoundsTest {

	@Test
	void measurementsOfAnySizeAreWithinTheBounds() {
		for (String value : new String[] {"0", "-0.0", "12.5", "1e15", "-1e15", "0.000001", "4.9e-324", "37.2"}) {
			assertThat(DecimalBounds.violation(new BigDecimal(value))).as(value).isEmpty();
		}
	}

	@Test
	void beyondOneQuadrillionOrTooSmallForADoubleIsAViolation() {
		assertThat(DecimalBounds.violation(new BigDecimal("1.0000001e15"))).hasValue("1.0000001E+15 is beyond ±1e15");
		assertThat(DecimalBounds.violation(new BigDecimal("-1e400"))).hasValue("-1E+400 is beyond ±1e15");
		assertThat(DecimalBounds.violation(new BigDecimal("1e-400")))
				.hasValue("1E-400 is too small to be a measurement (it would be stored as 0)");
	}

	@Test
	void aNumberIsUnparsableWhenWritingItOutTakesMoreThanAThousandDigits() {
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e999"))).isEmpty(); // 1000 digits
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e-998"))).isEmpty(); // 0.(997 zeros)1: 999 digits
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e400"))).isEmpty();
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e1000"))).hasValue("1E+1000 has more than 1000 digits "
				+ "written out");
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e-999999999"))).isPresent();
		assertThat(DecimalBounds.unparsable(new BigDecimal("1e999999999"))).isPresent();
	}

	@Test
	void messagesNeverWriteTheDigitsOut() {
		assertThat(DecimalBounds.describe(new BigDecimal("1e999999999"))).isEqualTo("1E+999999999");
		assertThat(DecimalBounds.describe(new BigDecimal("1." + "3".repeat(100)))).hasSize(38).endsWith("…");
	}
}
