package org.trialfhir.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * SOFA-2 brain (docs/scores-spec.md §14.4): GCS total, else best motor response (footnote d); GCS charted during a
 * sedative infusion ignored and the last GCS before that sedation episode carried in, 0 when there is none
 * (footnote c, E5); a delirium drug in the day gives at least 1 (footnote e, E6).
 */
final class Sofa2Brain {

	private Sofa2Brain() {
	}

	/** One assessment: a GCS total, or a motor score at a time without a total. */
	private record Assessment(Measurement value, int points) {
	}

	static Integer points(DayInputs in, Tally t) {
		List<Interval> sedation = Interval.merged(in.drugs().stream()
				.filter(d -> d.kind() == DrugExposure.Kind.SEDATIVE_INFUSION)
				.map(d -> new Interval(d.start(), d.endOr(in.window().end()), d.source())).toList());
		List<Assessment> unsedated = new ArrayList<>();
		for (Assessment a : assessments(in)) {
			if (sedation.stream().anyMatch(s -> s.contains(a.value().time()))) {
				if (in.window().contains(a.value().time())) {
					t.note("GCS at " + a.value().time() + " charted during sedation: ignored");
				}
			} else {
				unsedated.add(a);
			}
		}
		Integer points = null;
		for (Assessment a : unsedated) {
			if (in.window().contains(a.value().time())) {
				t.use(a.value());
				points = max(points, a.points());
			}
		}
		for (Interval episode : sedation) {
			if (!episode.overlaps(in.window())) {
				continue;
			}
			episode.sources().forEach(t::useSource);
			Assessment before = unsedated.stream().filter(a -> a.value().time().isBefore(episode.start()))
					.reduce((a, b) -> b).orElse(null);
			if (before == null) {
				t.note("sedated from " + episode.start() + " with no earlier GCS: 0 for the sedated time");
				points = max(points, 0);
			} else {
				t.use(before.value());
				t.flag(Flag.PRESEDATION_GCS_USED, "sedated from " + episode.start() + ": GCS of "
						+ before.value().time() + " carried in");
				points = max(points, before.points());
			}
		}
		List<DrugExposure> delirium = in.drugs().stream()
				.filter(d -> d.kind() == DrugExposure.Kind.DELIRIUM_DRUG && in.window().contains(d.start())).toList();
		if (!delirium.isEmpty()) {
			delirium.forEach(d -> t.useSource(d.source()));
			t.note("delirium drug given (" + delirium.get(0).agent() + "): brain at least 1");
			points = max(points, 1);
		}
		return points;
	}

	/** Every GCS of the stay by time: totals, and motor scores at times that have no total (footnote d). */
	private static List<Assessment> assessments(DayInputs in) {
		List<Assessment> all = new ArrayList<>();
		Set<Instant> totalTimes = new TreeSet<>();
		for (Measurement m : in.all(Analyte.GCS)) {
			totalTimes.add(m.time());
			all.add(new Assessment(m, Sofa2.GCS.score(m.value())));
		}
		for (Measurement m : in.all(Analyte.GCS_MOTOR)) {
			if (!totalTimes.contains(m.time())) {
				all.add(new Assessment(m, Sofa2.GCS_MOTOR.score(m.value())));
			}
		}
		all.sort(Comparator.comparing(a -> a.value().time()));
		return all;
	}

	private static Integer max(Integer a, int b) {
		return a == null ? b : Math.max(a, b);
	}
}
