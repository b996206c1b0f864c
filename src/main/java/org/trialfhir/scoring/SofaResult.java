package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** SOFA: components respiration, coagulation, liver, cardiovascular, cns, renal (0–4 each, null = missing). */
public record SofaResult(int total, Map<String, Integer> components, List<String> missing, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "sofa";
	}
}
