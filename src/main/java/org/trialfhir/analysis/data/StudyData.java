package org.trialfhir.analysis.data;

import java.util.List;

/**
 * What {@code $analyze} reads about a study before any variable: its arms in ResearchStudy.arm order, the
 * randomized subjects, whether it is blinded, and notes on what was left out (e.g. subjects without an arm).
 */
public record StudyData(String id, String title, List<String> arms, List<Subject> subjects, boolean blinded,
		List<String> notes) {

	public StudyData {
		arms = List.copyOf(arms);
		subjects = List.copyOf(subjects);
		notes = List.copyOf(notes);
	}

	public List<Subject> inArm(int arm) {
		return subjects.stream().filter(s -> s.arm() == arm).toList();
	}
}
