package org.trialfhir.units;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The numbers the server stores. HAPI keeps a decimal as written (a BigDecimal: {@code 1e999999999} is a few bytes)
 * but indexes it as a double, and arithmetic on it (unit conversion, rounding) expands the exponent: {@code 1e400}
 * is indexed as Infinity, {@code 1e999999999} becomes a billion-digit number when rounded. No measurement comes
 * near 10^15 in any unit, and none is so small that a double holds it as 0.
 */
public final class DecimalBounds {

	/** The largest magnitude accepted, as text for messages. */
	public static final String LIMIT_TEXT = "1e15";
	private static final BigDecimal LIMIT = new BigDecimal(LIMIT_TEXT);
	private static final int MAX_PLAIN_DIGITS = 1000;

	private DecimalBounds() {}

	/** Empty when the value can be stored and computed with; otherwise what is wrong with it. */
	public static Optional<String> violation(BigDecimal value) {
		if (value.abs().compareTo(LIMIT) > 0) {
			return Optional.of(describe(value) + " is beyond ±" + LIMIT_TEXT);
		}
		if (value.signum() != 0 && value.doubleValue() == 0) {
			return Optional.of(describe(value) + " is too small to be a measurement (it would be stored as 0)");
		}
		return Optional.empty();
	}

	/**
	 * Empty when HAPI's JSON parser can read the number; otherwise why not. The parser writes every decimal out in
	 * plain digits, so a number whose plain form is longer than Jackson allows a written number (1000 characters)
	 * costs memory out of all proportion to the document: {@code 1e999999999} is eleven bytes and a billion digits.
	 * Weaker than {@link #violation}: for documents that are read whole and judged resource by resource (a hospital's
	 * search page), where a value merely out of bounds is refused later, with its resource alone.
	 */
	public static Optional<String> unparsable(BigDecimal value) {
		long scale = value.scale();
		long plainDigits = scale <= 0 ? value.precision() - scale : Math.max(value.precision(), scale + 1);
		if (plainDigits > MAX_PLAIN_DIGITS) {
			return Optional.of(describe(value) + " has more than " + MAX_PLAIN_DIGITS + " digits written out");
		}
		return Optional.empty();
	}

	/** Scientific notation, never the plain digits (which for 1e999999999 are a billion characters). */
	public static String describe(BigDecimal value) {
		String text = value.toString();
		return text.length() <= 40 ? text : text.substring(0, 37) + "…";
	}
}
