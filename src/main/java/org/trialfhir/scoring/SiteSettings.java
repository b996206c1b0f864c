package org.trialfhir.scoring;

import java.util.Map;

/**
 * Per-site scoring settings (docs/api.md §4 {@code trialfhir.scoring.sites.<site>.*}).
 *
 * @param ptControlSeconds          normal-plasma PT in s; null = not configured (PT s ÷ control and the ISTH
 *                                  prolongation are then impossible)
 * @param atmosphericPressureMmHg   for the APACHE II A-aDO₂, default 760
 * @param allowInrForPtRatio        INR as a flagged surrogate for the PT ratio (JAAM, JMHW), default true
 * @param ddimerFdpEquivalents      D-dimer µg/mL equivalent to FDP 10 and 25 (JAAM, kit-specific); null = D-dimer
 *                                  never replaces FDP
 * @param isthFibrinMarkerFdp       FDP µg/mL (moderate, strong) for the ISTH fibrin marker, default 10, 25 (D8)
 * @param isthFibrinMarkerDdimer    D-dimer µg/mL (moderate, strong), kit-specific; null = not used
 * @param allowPtRatioForInr        PT ratio as a flagged surrogate for PT-INR (SIC, docs/scores-spec.md §12, E20),
 *                                  default true
 * @param norepinephrineProducts    SOFA-2: a product code of the site → the salt its strength is stated in (E10);
 *                                  empty = the trial's RxNorm products, stated as base
 */
public record SiteSettings(Double ptControlSeconds, double atmosphericPressureMmHg, boolean allowInrForPtRatio,
		Thresholds ddimerFdpEquivalents, Thresholds isthFibrinMarkerFdp,
		Thresholds isthFibrinMarkerDdimer, boolean allowPtRatioForInr,
		Map<String, NorepinephrineSalt> norepinephrineProducts) {

	/** A site without settings (docs/api.md §4 defaults). */
	public static final SiteSettings DEFAULTS =
			new SiteSettings(null, 760, true, null, new Thresholds(10, 25), null, true, Map.of());

	public SiteSettings(Double ptControlSeconds, double atmosphericPressureMmHg, boolean allowInrForPtRatio,
			Thresholds ddimerFdpEquivalents, Thresholds isthFibrinMarkerFdp, Thresholds isthFibrinMarkerDdimer,
			boolean allowPtRatioForInr) {
		this(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents, isthFibrinMarkerFdp,
				isthFibrinMarkerDdimer, allowPtRatioForInr, Map.of());
	}

	public SiteSettings {
		norepinephrineProducts = norepinephrineProducts == null ? Map.of() : Map.copyOf(norepinephrineProducts);
		if (ptControlSeconds != null && !(ptControlSeconds > 0)) {
			throw new IllegalArgumentException("PT control seconds must be positive");
		}
		if (!(atmosphericPressureMmHg > 47)) {
			throw new IllegalArgumentException("atmospheric pressure must exceed water vapour pressure (47 mmHg)");
		}
	}

	public SiteSettings withPtControlSeconds(Double v) {
		return new SiteSettings(v, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents,
				isthFibrinMarkerFdp, isthFibrinMarkerDdimer, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withAtmosphericPressureMmHg(double v) {
		return new SiteSettings(ptControlSeconds, v, allowInrForPtRatio, ddimerFdpEquivalents, isthFibrinMarkerFdp,
				isthFibrinMarkerDdimer, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withAllowInrForPtRatio(boolean v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, v, ddimerFdpEquivalents,
				isthFibrinMarkerFdp, isthFibrinMarkerDdimer, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withDdimerFdpEquivalents(Thresholds v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, v,
				isthFibrinMarkerFdp, isthFibrinMarkerDdimer, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withIsthFibrinMarkerFdp(Thresholds v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents,
				v, isthFibrinMarkerDdimer, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withIsthFibrinMarkerDdimer(Thresholds v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents,
				isthFibrinMarkerFdp, v, allowPtRatioForInr, norepinephrineProducts);
	}

	public SiteSettings withAllowPtRatioForInr(boolean v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents,
				isthFibrinMarkerFdp, isthFibrinMarkerDdimer, v, norepinephrineProducts);
	}

	public SiteSettings withNorepinephrineProducts(Map<String, NorepinephrineSalt> v) {
		return new SiteSettings(ptControlSeconds, atmosphericPressureMmHg, allowInrForPtRatio, ddimerFdpEquivalents,
				isthFibrinMarkerFdp, isthFibrinMarkerDdimer, allowPtRatioForInr, v);
	}
}
