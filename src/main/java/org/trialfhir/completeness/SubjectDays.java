package org.trialfhir.completeness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.trialfhir.hapisql.Deaths;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/**
 * One subject's study days classified from what is stored for it: per day and expected item received, missing, not
 * yet due or not applicable (dead, follow-up ended), with the findings on its values and derived scores. Reads
 * nothing itself ({@link CompletenessExecutor} hands it the subject's Observations), so what counts as complete is
 * decided here only.
 */
final class SubjectDays {

	private static final long DAY_MILLIS = Duration.ofHours(24).toMillis();
	private static final Set<Observation.ObservationStatus> VOID = Set.of(Observation.ObservationStatus.ENTEREDINERROR,
			Observation.ObservationStatus.CANCELLED);

	private SubjectDays() {
	}

	/**
	 * Adds to {@code rows} the status of each item expected of the subject on each of {@code days}, and to
	 * {@code findings} its implausible values and the state of its derived scores.
	 */
	static void check(Enrolment subject, Deaths.Death death, List<Observation> observations, List<ExpectedItem> items,
			SortedSet<Integer> days, Instant asOf, Plausibility plausibility, UnitConverter converter,
			List<CompletenessRow> rows, List<CompletenessRow> findings) {
		List<Measurement> measurements = new ArrayList<>();
		List<Observation> derived = new ArrayList<>();
		for (Observation o : observations) {
			if (VOID.contains(o.getStatus())) {
				continue;
			}
			boolean isDerived = o.getIdentifier().stream()
					.anyMatch(i -> TrialCanonicals.SID_DERIVED_SCORE.equals(i.getSystem()));
			if (isDerived) {
				derived.add(o);
			} else if (knownBy(o, asOf)) {
				measurements.add(Measurement.of(o));
			}
		}
		Map<Integer, List<String>> missingOn = new TreeMap<>();
		Set<Integer> scoreDays = new TreeSet<>();
		for (int day : days) {
			Instant start = subject.t0().plusMillis((day - 1) * DAY_MILLIS);
			Instant end = start.plusMillis(DAY_MILLIS);
			String gone = gone(subject, death, start);
			boolean due = !asOf.isBefore(end);
			for (ExpectedItem item : items) {
				if (!item.days().contains(day)) {
					continue;
				}
				CompletenessRow row = item.vitalStatus() ? vitalStatus(subject, death, item, day, start, end, asOf)
						: gone != null ? row(subject, day, item, ItemStatus.NOT_APPLICABLE, null, gone)
						: measured(subject, day, item, start, end, due, measurements);
				rows.add(row);
				if (row.status() == ItemStatus.MISSING) {
					missingOn.computeIfAbsent(day, d -> new ArrayList<>()).add(item.label());
				}
				if (gone == null && due && !item.vitalStatus() && scored(item)) {
					scoreDays.add(day);
				}
			}
		}
		findings.addAll(ValueFindings.of(subject.researchSubjectId(), subject.t0(), measurements, days, plausibility,
				converter));
		findings.addAll(ScoreFindings.of(subject.researchSubjectId(), derived, List.copyOf(scoreDays), missingOn));
	}

	private static CompletenessRow measured(Enrolment subject, int day, ExpectedItem item, Instant start, Instant end,
			boolean due, List<Measurement> measurements) {
		List<Measurement> inDay = measurements.stream().filter(m -> m.counts(item) && m.hasValue() && m.time() != null
				&& !m.time().isBefore(start) && m.time().isBefore(end)).toList();
		List<Measurement> usable = inDay.stream().filter(Measurement::counted).toList();
		long preliminary = inDay.size() - usable.size();
		String pending = preliminary == 0 ? "" : preliminary + " preliminary value(s) not counted";
		if (usable.size() >= item.perDay()) {
			String detail = item.perDay() > 1 ? usable.size() + " values" : "";
			return row(subject, day, item, ItemStatus.RECEIVED, usable.get(0).reference(), detail);
		}
		String count = item.perDay() > 1 || !usable.isEmpty() ? usable.size() + " of " + item.perDay() + " values" : "";
		String detail = String.join("; ", Stream.of(count, pending).filter(s -> !s.isEmpty()).toList());
		return row(subject, day, item, due ? ItemStatus.MISSING : ItemStatus.NOT_YET_DUE,
				usable.isEmpty() ? null : usable.get(0).reference(), detail);
	}

	/** Vital status: known from a dated death, or from a follow-up reaching past the day. */
	private static CompletenessRow vitalStatus(Enrolment subject, Deaths.Death death, ExpectedItem item, int day, Instant start,
			Instant end, Instant asOf) {
		String patient = "Patient/" + subject.patientId();
		if (death != null && (death.date() == null || !death.date().isAfter(asOf))) {
			return row(subject, day, item, ItemStatus.RECEIVED, patient,
					death.date() == null ? "deceased, date not recorded" : "died " + death.date());
		}
		if (subject.periodEnd() != null && !subject.periodEnd().isBefore(end) && !end.isAfter(asOf)) {
			return row(subject, day, item, ItemStatus.RECEIVED, "ResearchSubject/" + subject.researchSubjectId(),
					"followed up alive until " + subject.periodEnd());
		}
		if (subject.periodEnd() != null && subject.periodEnd().isBefore(start)) {
			return row(subject, day, item, ItemStatus.NOT_APPLICABLE, null,
					"follow-up ended " + subject.periodEnd() + " (withdrawn or lost)");
		}
		return row(subject, day, item, asOf.isBefore(end) ? ItemStatus.NOT_YET_DUE : ItemStatus.MISSING, null,
				"no death recorded and no follow-up past this day");
	}

	/** Why the subject was no longer followed on a day starting at {@code start}, or null. */
	private static String gone(Enrolment subject, Deaths.Death death, Instant start) {
		if (death != null && death.date() != null && death.date().isBefore(start)) {
			return "died " + death.date();
		}
		if (subject.periodEnd() != null && subject.periodEnd().isBefore(start)) {
			return "follow-up ended " + subject.periodEnd() + " (withdrawn or lost)";
		}
		return null;
	}

	private static boolean scored(ExpectedItem item) {
		return item.codes().stream().anyMatch(code -> {
			int bar = code.indexOf('|');
			return TrialVariable.byCode(code.substring(0, bar), code.substring(bar + 1)).map(TrialVariable::scored)
					.orElse(false);
		});
	}

	private static CompletenessRow row(Enrolment subject, int day, ExpectedItem item, ItemStatus status, String focus,
			String detail) {
		return new CompletenessRow(subject.researchSubjectId(), day, item.key(), item.label(), status, focus, detail);
	}

	/** Stored after {@code asOf}: not known then, so not counted. */
	private static boolean knownBy(Observation o, Instant asOf) {
		return o.getMeta().getLastUpdated() == null || !o.getMeta().getLastUpdated().toInstant().isAfter(asOf);
	}
}
