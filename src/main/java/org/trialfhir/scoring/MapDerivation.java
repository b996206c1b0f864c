package org.trialfhir.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MAP from a simultaneous SBP/DBP pair, (SBP + 2·DBP)/3, only at times without a measured MAP (docs/scores-spec.md
 * §2.1, variable {@code map}: without a measured MAP, derive it from a simultaneous 8480-6 / 8462-4 pair).
 * Simultaneous = identical time.
 */
final class MapDerivation {

	private MapDerivation() {
	}

	static List<Measurement> derived(List<Measurement> measuredMap, List<Measurement> sbp, List<Measurement> dbp) {
		Set<Instant> measuredAt = new HashSet<>();
		measuredMap.forEach(m -> measuredAt.add(m.time()));
		List<Measurement> result = new ArrayList<>();
		Set<Instant> done = new HashSet<>();
		for (Measurement s : sbp) {
			if (measuredAt.contains(s.time()) || !done.add(s.time())) {
				continue;
			}
			dbp.stream().filter(d -> d.time().equals(s.time())).findFirst()
					.ifPresent(d -> result.add(Measurement.meanArterialPressure(s, d)));
		}
		return result;
	}
}
