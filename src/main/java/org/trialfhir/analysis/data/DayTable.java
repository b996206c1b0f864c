package org.trialfhir.analysis.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One variable's value per subject and study day; a missing value is simply absent. */
public final class DayTable {

	private final Map<String, Map<Integer, Double>> bySubject = new HashMap<>();

	public void put(String subjectId, int day, double value) {
		bySubject.computeIfAbsent(subjectId, s -> new HashMap<>()).put(day, value);
	}

	public Double get(String subjectId, int day) {
		Map<Integer, Double> days = bySubject.get(subjectId);
		return days == null ? null : days.get(day);
	}

	/** The values of these subjects on the day, aligned with the list; NaN where missing (R's NA). */
	public double[] column(List<Subject> subjects, int day) {
		double[] values = new double[subjects.size()];
		for (int i = 0; i < values.length; i++) {
			Double value = get(subjects.get(i).id(), day);
			values[i] = value == null ? Double.NaN : value;
		}
		return values;
	}

	public boolean isEmpty() {
		return bySubject.isEmpty();
	}
}
