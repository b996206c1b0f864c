package org.trialfhir.scoring;

/**
 * The form a norepinephrine product's strength is stated in, with the mg of that form equal to 1 mg of base
 * (SOFA-2 footnote k, docs/scores-spec.md §14.3 E10). A rate charted in the salt is divided by the factor.
 */
public enum NorepinephrineSalt {
	BASE(1.0),
	BITARTRATE_MONOHYDRATE(2.0),
	ANHYDROUS_BITARTRATE(1.89),
	TARTRATE(1.89),
	HYDROCHLORIDE(1.22);

	private final double mgPerMgBase;

	NorepinephrineSalt(double mgPerMgBase) {
		this.mgPerMgBase = mgPerMgBase;
	}

	public double mgPerMgBase() {
		return mgPerMgBase;
	}
}
