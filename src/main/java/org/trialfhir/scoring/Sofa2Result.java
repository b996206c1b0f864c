package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** SOFA-2: components brain, respiratory, cardiovascular, liver, kidney, hemostasis (0–4 each, null = missing). */
public record Sofa2Result(int total, Map<String, Integer> components, List<String> missing, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "sofa-2";
	}
}
