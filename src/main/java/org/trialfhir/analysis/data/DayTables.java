package org.trialfhir.analysis.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.trialfhir.hapisql.ObservationIndex.Identified;
import org.trialfhir.hapisql.ObservationIndex.Measured;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/** Turns the rows read from the server into one value per subject and study day. */
public final class DayTables {

	private DayTables() {
	}

	/**
	 * Measured values: converted to the canonical unit with {@link UnitConverter} (a unit it refuses, or a value
	 * indexed as Infinity, leaves the value out, counted in a note), then one value per day by {@link DayRule#of}.
	 */
	public static DayTable measured(StudyData study, TrialVariable variable, List<Measured> rows, List<String> notes) {
		Map<String, List<Subject>> byPatient = new HashMap<>();
		study.subjects().forEach(s -> byPatient.computeIfAbsent(s.patientId(), p -> new ArrayList<>()).add(s));
		Map<String, List<Timed>> bySubject = new HashMap<>();
		Map<String, Integer> refused = new TreeMap<>();
		int notFinite = 0;
		UnitConverter converter = UnitConverter.standard();
		for (Measured row : rows) {
			List<Subject> subjects = byPatient.get(row.patientId());
			if (subjects == null) {
				continue;
			}
			if (!Double.isFinite(row.value())) { // HAPI indexes a decimal beyond a double's range as Infinity
				notFinite++;
				continue;
			}
			Conversion conversion = converter.convert(variable, BigDecimal.valueOf(row.value()), row.unit());
			if (conversion instanceof Conversion.Converted converted) {
				subjects.forEach(s -> bySubject.computeIfAbsent(s.id(), k -> new ArrayList<>())
						.add(new Timed(row.time(), converted.value())));
			} else {
				refused.merge(String.valueOf(row.unit()), 1, Integer::sum);
			}
		}
		if (notFinite > 0) {
			notes.add(variable.id() + ": " + notFinite + " value(s) left out (beyond the range of a number; stored "
					+ "before such values were refused)");
		}
		refused.forEach((unit, count) -> notes.add(variable.id() + ": " + count + " value(s) in unit '" + unit
				+ "' left out (not an accepted unit; use " + String.join(", ", variable.acceptedUnits()) + ")"));
		DayRule rule = DayRule.of(variable);
		DayTable table = new DayTable();
		for (Subject subject : study.subjects()) {
			List<Timed> values = bySubject.get(subject.id());
			if (values != null) {
				WorstOfDay.byDay(subject.t0(), values, rule, v -> ApachePoints.of(variable, v))
						.forEach((day, value) -> table.put(subject.id(), day, value));
			}
		}
		return table;
	}

	/**
	 * Derived scores of the study's subjects, placed by their identifier {@code <ResearchSubject id>-<score>-<day>};
	 * other identifiers are ignored.
	 */
	public static DayTable derived(StudyData study, String score, List<Identified> rows) {
		Map<String, Subject> byId = new HashMap<>();
		study.subjects().forEach(s -> byId.put(s.id(), s));
		String infix = "-" + score + "-";
		DayTable table = new DayTable();
		for (Identified row : rows) {
			int at = row.identifier().lastIndexOf(infix);
			if (at <= 0 || !byId.containsKey(row.identifier().substring(0, at))) {
				continue;
			}
			try {
				int day = Integer.parseInt(row.identifier().substring(at + infix.length()));
				table.put(row.identifier().substring(0, at), day, row.value());
			} catch (NumberFormatException e) {
				// not a derived-score identifier of ours
			}
		}
		return table;
	}
}
