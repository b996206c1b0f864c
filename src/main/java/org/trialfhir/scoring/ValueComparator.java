package org.trialfhir.scoring;

/**
 * {@code Quantity.comparator} of a reported value (docs/scores-spec.md §1.2, D21): a strict bound is used minus or plus
 * 1e-6 ("<10" scores as 9.999999), an inclusive bound as itself; either way the score is flagged.
 */
public enum ValueComparator {
	EXACT(0),
	LESS_THAN(-Measurement.EPSILON),
	LESS_OR_EQUAL(0),
	GREATER_OR_EQUAL(0),
	GREATER_THAN(Measurement.EPSILON);

	private final double shift;

	ValueComparator(double shift) {
		this.shift = shift;
	}

	/** The FHIR code ({@code <, <=, >=, >}, or null for an exact value); {@code ad} is not a measurement. */
	public static ValueComparator fromFhir(String code) {
		if (code == null) {
			return EXACT;
		}
		return switch (code) {
			case "<" -> LESS_THAN;
			case "<=" -> LESS_OR_EQUAL;
			case ">=" -> GREATER_OR_EQUAL;
			case ">" -> GREATER_THAN;
			default -> throw new IllegalArgumentException("comparator '" + code + "' cannot be scored");
		};
	}

	/** The bound moved by 1e-6 for a strict comparator, so a comparison with a cut point falls on the right side (D21). */
	public double apply(double bound) {
		return bound + shift;
	}
}
