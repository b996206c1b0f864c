package org.trialfhir.completeness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialfhir.studyday.StudyDays;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/**
 * The implausible values of one subject, as findings: a value outside its variable's plausible range, a change
 * within one study day larger than the variable's plausible jump, a unit the trial does not accept (the value cannot
 * be used), and two values of one variable at the same time that differ. Values are compared in the variable's
 * canonical unit, so 8.2 ×10⁴/µL and 82 ×10⁹/L are the same platelet count.
 */
final class ValueFindings {

	private ValueFindings() {
	}

	private record Converted(Measurement measurement, int day, double value) {
	}

	static List<CompletenessRow> of(String subjectId, Instant t0, List<Measurement> measurements, Set<Integer> days,
			Plausibility plausibility, UnitConverter converter) {
		List<CompletenessRow> findings = new ArrayList<>();
		Map<String, List<Converted>> byVariableAndDay = new LinkedHashMap<>();
		for (Measurement m : measurements) {
			if (m.variable() == null || m.time() == null || m.value() == null || !m.value().hasValue()) {
				continue;
			}
			int day = StudyDays.dayOf(t0, m.time());
			if (!days.contains(day)) {
				continue;
			}
			TrialVariable variable = m.variable();
			Conversion conversion = converter.convert(variable, m.value().getValue(), m.value().getCode());
			if (conversion instanceof Conversion.Rejected rejected) {
				findings.add(row(subjectId, day, variable, m, "unit rejected, the value cannot be used: "
						+ rejected.reason()));
				continue;
			}
			double value = ((Conversion.Converted) conversion).value();
			String outside = plausibility.outOfRange(variable, value);
			if (outside != null) {
				findings.add(row(subjectId, day, variable, m, outside));
			}
			byVariableAndDay.computeIfAbsent(variable.name() + "|" + day, k -> new ArrayList<>())
					.add(new Converted(m, day, value));
		}
		byVariableAndDay.values().forEach(values -> {
			values.sort(Comparator.comparing((Converted c) -> c.measurement().time())
					.thenComparing(c -> c.measurement().reference()));
			duplicates(subjectId, values, findings);
			jumps(subjectId, values, plausibility, findings);
		});
		return findings;
	}

	/** Two values of one variable at the same instant that differ: one of them is wrong, and nobody can tell which. */
	private static void duplicates(String subjectId, List<Converted> values, List<CompletenessRow> findings) {
		for (int i = 1; i < values.size(); i++) {
			Converted before = values.get(i - 1);
			Converted now = values.get(i);
			if (now.measurement().time().equals(before.measurement().time()) && now.value() != before.value()) {
				TrialVariable variable = now.measurement().variable();
				findings.add(row(subjectId, now.day(), variable, now.measurement(), "duplicate time "
						+ now.measurement().time() + " with a different value: " + Plausibility.number(now.value())
						+ " here, " + Plausibility.number(before.value()) + " in " + before.measurement().reference()
						+ " (" + variable.canonicalUnit() + ")"));
			}
		}
	}

	private static void jumps(String subjectId, List<Converted> values, Plausibility plausibility,
			List<CompletenessRow> findings) {
		for (int i = 1; i < values.size(); i++) {
			Converted before = values.get(i - 1);
			Converted now = values.get(i);
			TrialVariable variable = now.measurement().variable();
			Double maxJump = plausibility.maxJump(variable);
			boolean sameTime = now.measurement().time().equals(before.measurement().time());
			if (maxJump != null && !sameTime && Math.abs(now.value() - before.value()) > maxJump) {
				findings.add(row(subjectId, now.day(), variable, now.measurement(), variable.id() + " changed from "
						+ Plausibility.number(before.value()) + " (" + before.measurement().reference() + ") to "
						+ Plausibility.number(now.value()) + " " + variable.canonicalUnit() + " within study day "
						+ now.day() + ", more than the plausible " + Plausibility.number(maxJump)));
			}
		}
	}

	private static CompletenessRow row(String subjectId, int day, TrialVariable variable, Measurement m, String detail) {
		return new CompletenessRow(subjectId, day, variable.system() + "|" + variable.codes().get(0), variable.id(),
				ItemStatus.IMPLAUSIBLE, m.reference(), detail);
	}
}
