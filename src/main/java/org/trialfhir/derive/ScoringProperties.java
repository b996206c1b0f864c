package org.trialfhir.derive;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.trialfhir.scoring.NorepinephrineSalt;
import org.trialfhir.scoring.SiteSettings;
import org.trialfhir.scoring.Thresholds;

/**
 * {@code trialfhir.scoring.*}: the per-site scoring settings of docs/api.md §4 (keyed by the site identifier value of
 * the Patient's managing Organization) and the automatic re-derivation worker. A site without settings gets the
 * defaults of docs/api.md §4 ({@link SiteSettings#DEFAULTS}); preliminary results are never used unless a site allows it.
 *
 * @param sites       site id (e.g. {@code site-jp}) → settings
 * @param recompute   the worker that re-derives scores after input changes
 * @param parallelism subjects derived at the same time by {@code ResearchStudy/[id]/$derive-scores}, each in its own
 *                    transaction (4; on two cores 2 and 4 both derive ~1.5× faster than 1, docs/benchmarks.md)
 */
@ConfigurationProperties("trialfhir.scoring")
public record ScoringProperties(Map<String, Site> sites, Recompute recompute, Integer parallelism) {

	public ScoringProperties {
		parallelism = parallelism == null ? 4 : parallelism;
		if (parallelism < 1) {
			throw new IllegalArgumentException("trialfhir.scoring.parallelism must be at least 1, got " + parallelism);
		}
		sites = sites == null ? Map.of() : Map.copyOf(sites);
		sites.values().forEach(Site::toSettings); // a bad setting fails the start, not a derivation
		recompute = recompute == null ? new Recompute(null, null, null, null, null, null, null) : recompute;
	}

	/** The scoring settings of a site; defaults for an unknown or absent site. */
	SiteSettings settingsFor(String siteId) {
		Site site = siteId == null ? null : sites.get(siteId);
		return site == null ? SiteSettings.DEFAULTS : site.toSettings();
	}

	boolean allowsPreliminary(String siteId) {
		Site site = siteId == null ? null : sites.get(siteId);
		return site != null && Boolean.TRUE.equals(site.allowPreliminary());
	}

	/**
	 * One site's settings; every key is optional (null = the default of docs/api.md §4).
	 *
	 * @param ptControlSeconds          normal-plasma PT in s (no default)
	 * @param atmosphericPressureMmhg   for the APACHE II A-aDO₂ (760)
	 * @param allowInrForPtRatio        INR as flagged PT-ratio surrogate (true)
	 * @param ddimerFdpEquivalentsUgPerMl D-dimer ≡ FDP 10 and 25 µg/mL, two values (none)
	 * @param isthFibrinMarker          ISTH fibrin-marker cut-offs (FDP 10, 25; D-dimer none)
	 * @param allowPreliminary          count {@code preliminary} Observations, flagged (false; an addition to the contract's keys, docs/api.md §4)
	 * @param allowPtRatioForInr        PT ratio as flagged PT-INR surrogate for SIC (true; docs/scores-spec.md §12, E20)
	 * @param norepinephrineProducts    SOFA-2: product code → salt of its stated strength (none; docs/scores-spec.md §14.3, E10)
	 */
	public record Site(Double ptControlSeconds, Double atmosphericPressureMmhg, Boolean allowInrForPtRatio,
			List<Double> ddimerFdpEquivalentsUgPerMl, IsthFibrinMarker isthFibrinMarker, Boolean allowPreliminary,
			Boolean allowPtRatioForInr, Map<String, NorepinephrineSalt> norepinephrineProducts) {

		SiteSettings toSettings() {
			SiteSettings s = SiteSettings.DEFAULTS.withPtControlSeconds(ptControlSeconds)
					.withDdimerFdpEquivalents(pair("ddimer-fdp-equivalents-ug-per-ml", ddimerFdpEquivalentsUgPerMl));
			if (atmosphericPressureMmhg != null) {
				s = s.withAtmosphericPressureMmHg(atmosphericPressureMmhg);
			}
			if (allowInrForPtRatio != null) {
				s = s.withAllowInrForPtRatio(allowInrForPtRatio);
			}
			if (allowPtRatioForInr != null) {
				s = s.withAllowPtRatioForInr(allowPtRatioForInr);
			}
			if (norepinephrineProducts != null) {
				s = s.withNorepinephrineProducts(norepinephrineProducts);
			}
			if (isthFibrinMarker != null && isthFibrinMarker.fdp() != null) {
				s = s.withIsthFibrinMarkerFdp(pair("isth-fibrin-marker.fdp", isthFibrinMarker.fdp()));
			}
			if (isthFibrinMarker != null) {
				s = s.withIsthFibrinMarkerDdimer(pair("isth-fibrin-marker.d-dimer", isthFibrinMarker.dDimer()));
			}
			return s;
		}
	}

	/** ISTH fibrin-related marker cut-offs (moderate, strong), in µg/mL. */
	public record IsthFibrinMarker(List<Double> fdp, List<Double> dDimer) {
	}

	/**
	 * The re-derivation worker.
	 *
	 * @param enabled      run the worker (true); queue rows are written regardless, so nothing is lost while off
	 * @param delay        a patient is re-derived once its writes have been quiet this long, so a burst is derived
	 *                     once (2 s)
	 * @param maxDelay     but never later than this after the first change not yet derived, however busy the
	 *                     patient (30 s, or {@code delay} when that is longer); at least {@code delay}
	 * @param pollInterval how often the worker looks for due patients (1 s)
	 * @param batchSize    patients taken per round (50)
	 * @param retryDelay   first wait after a failed re-derivation, doubled per attempt up to 1 h (30 s)
	 * @param stalledAfter the worker is reported DOWN in {@code /actuator/health} when it has neither finished a poll
	 *                     nor a patient for this long (5 min: far above the poll interval and a patient's
	 *                     re-derivation, ~0.1 s); must exceed the poll interval
	 */
	public record Recompute(Boolean enabled, Duration delay, Duration maxDelay, Duration pollInterval,
			Integer batchSize, Duration retryDelay, Duration stalledAfter) {

		private static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

		public Recompute {
			enabled = enabled == null || enabled;
			delay = delay == null ? Duration.ofSeconds(2) : delay;
			maxDelay = maxDelay != null ? maxDelay : delay.compareTo(DEFAULT_MAX_DELAY) > 0 ? delay : DEFAULT_MAX_DELAY;
			if (maxDelay.compareTo(delay) < 0) {
				throw new IllegalArgumentException("trialfhir.scoring.recompute.max-delay (" + maxDelay
						+ ") must not be shorter than delay (" + delay + ")");
			}
			pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
			batchSize = batchSize == null ? 50 : batchSize;
			retryDelay = retryDelay == null ? Duration.ofSeconds(30) : retryDelay;
			stalledAfter = stalledAfter == null ? Duration.ofMinutes(5) : stalledAfter;
			if (stalledAfter.compareTo(pollInterval) <= 0) {
				throw new IllegalArgumentException("trialfhir.scoring.recompute.stalled-after (" + stalledAfter
						+ ") must be longer than poll-interval (" + pollInterval + ")");
			}
		}
	}

	private static Thresholds pair(String key, List<Double> values) {
		if (values == null) {
			return null;
		}
		if (values.size() != 2) {
			throw new IllegalArgumentException("trialfhir.scoring.sites.*." + key + " needs two values, got " + values);
		}
		return new Thresholds(values.get(0), values.get(1));
	}
}
