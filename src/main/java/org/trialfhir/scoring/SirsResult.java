package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** SIRS: count of criteria met (0–4); criteria temperature, heart_rate, respiratory, wbc (0/1, null = missing). */
public record SirsResult(int count, Map<String, Integer> criteria, List<String> missing, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "sirs";
	}

	@Override
	public int total() {
		return count;
	}

	@Override
	public Map<String, Integer> components() {
		return criteria;
	}
}
