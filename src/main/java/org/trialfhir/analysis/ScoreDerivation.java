package org.trialfhir.analysis;

import java.util.Collection;

/**
 * What {@code $analyze} needs from {@code $derive-scores} (branch {@code derive}): before the derived scores are
 * read, every subject of the study has an up-to-date derived Observation for each score on each of these days where
 * data allow one ("derive missing or stale days first"). Implemented by the scoring side; until that lands,
 * {@link ScoreDerivationFallback} supplies one that does nothing.
 */
public interface ScoreDerivation {

	/**
	 * Derives, synchronously, the missing or stale derived scores of the study's subjects for these study days.
	 *
	 * @param studyId ResearchStudy id (no type, no version)
	 * @param days    study days (≥ 1)
	 */
	void ensureDerived(String studyId, Collection<Integer> days);
}
