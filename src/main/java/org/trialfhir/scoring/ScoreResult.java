package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every score result carries (docs/scores-spec.md §1.5, §1.7). */
public interface ScoreResult {

	/** Code in CodeSystem trial-score: one of {@link Scores#CODES}. */
	String code();

	/** Total with missing components counted as 0 (SIRS: the count of criteria met). */
	int total();

	/** Component name (docs/scores-spec.md §1.7) → points, null when missing; in §1.7 order. */
	Map<String, Integer> components();

	/** Names of the missing components, in §1.7 order. */
	List<String> missing();

	Set<Flag> flags();

	/** Human-readable details behind the flags. */
	List<String> notes();

	/** Opaque ids of every input the score read (measurements, infusions, urine periods, eCRF items). */
	Set<String> sources();

	/** docs/api.md §2.4 component code, e.g. {@code sofa-respiration}, {@code jaam-dic-pt-ratio}. */
	default String componentCode(String component) {
		return code() + "-" + component.replace('_', '-');
	}
}
