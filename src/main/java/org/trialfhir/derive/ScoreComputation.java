package org.trialfhir.derive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.trialfhir.scoring.ArterialGas;
import org.trialfhir.scoring.DayInputs;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.ScoreResult;
import org.trialfhir.scoring.Scores;
import org.trialfhir.scoring.SicResult;
import org.trialfhir.scoring.SofaResult;

/** The pure middle of a derivation: a patient's timeline → the requested scores of the requested days. */
final class ScoreComputation {

	private ScoreComputation() {
	}

	static List<DerivedScore> compute(SubjectContext subject, InputTimeline timeline, Collection<Integer> days,
			Set<String> scores) {
		List<DerivedScore> derived = new ArrayList<>();
		for (int day : days) {
			DayInputs in = DayAssembler.assemble(timeline, subject, day);
			for (ScoreResult result : Scores.all(in)) {
				if (scores.contains(result.code())) {
					derived.add(new DerivedScore(day, result, sources(result, timeline, in.window())));
				}
			}
		}
		return derived;
	}

	/**
	 * The score's own sources, plus for SOFA (and SIC, which reads the day's SOFA) what the pure score does not name:
	 * the support Procedures covering the day's gases and the body weights that turned a mass rate into µg/kg/min.
	 */
	private static SortedSet<String> sources(ScoreResult result, InputTimeline timeline, DayWindow window) {
		SortedSet<String> sources = new TreeSet<>(result.sources());
		if (result instanceof SofaResult || result instanceof SicResult) {
			for (ArterialGas gas : timeline.gases()) {
				if (window.contains(gas.time())) {
					timeline.support.stream().filter(p -> p.covers(gas.time())).forEach(p -> sources.add(p.source()));
				}
			}
			for (String source : result.sources()) {
				String weight = timeline.weightUsedBy.get(source);
				if (weight != null) {
					sources.add(weight);
				}
			}
		}
		return sources;
	}
}
