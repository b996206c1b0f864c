package org.trialfhir.scoring;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One value in the canonical unit of its {@link Analyte} (or of its {@link ArterialGas} member), at the time that
 * places it in a day (specimen collection / {@code effective[x]}, never {@code issued}).
 *
 * @param time           collection or measurement time
 * @param value          canonical value, rounded to 6 decimals; for a bound ("&lt;10") already shifted by 1e-6
 * @param sources        opaque ids of the inputs it came from (e.g. {@code Observation/123}); the FHIR layer
 *                       puts the used ones into {@code derivedFrom}
 * @param comparatorUsed the value is a bound, not an exact value (flag {@link Flag#COMPARATOR_USED})
 * @param preliminary    from a {@code preliminary} Observation the site allowed (flag {@link Flag#PRELIMINARY_USED})
 * @param chartedKpa     the value as charted when the site sent kPa (a gas pressure), else null; SOFA-2 converts it
 *                       with its own factor 7.5 (docs/scores-spec.md §14.3, E17)
 */
public record Measurement(Instant time, double value, Set<String> sources, boolean comparatorUsed,
		boolean preliminary, Double chartedKpa) {

	public Measurement(Instant time, double value, Set<String> sources, boolean comparatorUsed, boolean preliminary) {
		this(time, value, sources, comparatorUsed, preliminary, null);
	}

	static final double EPSILON = 1e-6;

	public Measurement {
		Objects.requireNonNull(time, "time");
		sources = Set.copyOf(sources);
		value = Round.six(value);
	}

	/** An exact value from one source. */
	public static Measurement of(String source, Instant time, double value) {
		return of(source, time, value, ValueComparator.EXACT);
	}

	/** A value reported with a comparator; strict bounds move by 1e-6 (D21). */
	public static Measurement of(String source, Instant time, double value, ValueComparator comparator) {
		return new Measurement(time, comparator.apply(value), Set.of(source), comparator != ValueComparator.EXACT,
				false);
	}

	/** The same value marked as coming from a preliminary result. */
	public Measurement asPreliminary() {
		return new Measurement(time, value, sources, comparatorUsed, true, chartedKpa);
	}

	/** The same value remembering that it was charted as {@code kpa} kPa (E17). */
	public Measurement chartedInKpa(double kpa) {
		return new Measurement(time, value, sources, comparatorUsed, preliminary, kpa);
	}

	/** MAP = (SBP + 2·DBP) / 3 from a simultaneous pair (docs/scores-spec.md §2, variable {@code map}). */
	static Measurement meanArterialPressure(Measurement sbp, Measurement dbp) {
		Set<String> both = new HashSet<>(sbp.sources);
		both.addAll(dbp.sources);
		return new Measurement(sbp.time, (sbp.value + 2 * dbp.value) / 3, both,
				sbp.comparatorUsed || dbp.comparatorUsed, sbp.preliminary || dbp.preliminary);
	}
}
