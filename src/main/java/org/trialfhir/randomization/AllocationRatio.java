package org.trialfhir.randomization;

import java.util.HashSet;
import java.util.List;

/**
 * The arms of a study in ResearchStudy.arm order and their allocation weights: arms [rTM, control] with weights
 * [2, 1] allocate two rTM for every control.
 */
record AllocationRatio(List<String> arms, List<Integer> weights) {

	AllocationRatio {
		arms = List.copyOf(arms);
		weights = List.copyOf(weights);
		if (arms.size() < 2 || arms.size() != weights.size()) {
			throw new IllegalArgumentException("an allocation needs at least two arms, each with one weight");
		}
		if (new HashSet<>(arms).size() != arms.size() || arms.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("arm names must be distinct and not blank: " + arms);
		}
		if (weights.stream().anyMatch(w -> w < 1)) {
			throw new IllegalArgumentException("allocation weights must be at least 1: " + weights);
		}
	}

	static AllocationRatio equal(String... arms) {
		return new AllocationRatio(List.of(arms), List.of(arms).stream().map(arm -> 1).toList());
	}

	/** The sum of the weights: the smallest block that respects the ratio. */
	int total() {
		return weights.stream().mapToInt(Integer::intValue).sum();
	}

	@Override
	public String toString() {
		return String.join(":", arms) + " = " + String.join(":", weights.stream().map(String::valueOf).toList());
	}
}
