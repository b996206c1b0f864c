package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.scoring.Scores;
import org.trialfhir.stats.Fisher;
import org.trialfhir.stats.IntervalEstimate;
import org.trialfhir.stats.PValueResult;
import org.trialfhir.stats.RiskDifference;
import org.trialfhir.stats.TwoByTwo;

/**
 * DIC resolution (docs/api.md §5.2): at risk = the diagnosis of the resolution score ({@code jaam-dic} by default,
 * {@code jaam-2-dic}, {@code sic} or {@code isth-dic}) true on day 1; resolved = that diagnosis false on the
 * resolution day. An at-risk subject without a false diagnosis that day (died, not scored, or indeterminate) is not
 * resolved. Risk difference with Newcombe's interval and Fisher's exact test, first arm minus second.
 *
 * @param score the trial-score code of the resolution score
 */
public record DicResolution(int day, String score, List<Arm> arms, IntervalEstimate riskDifference,
		PValueResult fisher, List<String> notes) {

	/** @param proportion resolved / at risk; null when nobody is at risk */
	public record Arm(String name, int atRisk, int resolved, Double proportion) {
	}

	/** @param diagnosis per subject and day: 1 = DIC, 0 = no DIC; absent when indeterminate or not scored */
	static DicResolution of(StudyData study, DayTable diagnosis, String score, int day) {
		String name = Scores.NAMES.get(score);
		List<Arm> arms = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		int unknown = 0;
		for (int arm = 0; arm < study.arms().size(); arm++) {
			int atRisk = 0;
			int resolved = 0;
			for (Subject subject : study.inArm(arm)) {
				if (Double.valueOf(1).equals(diagnosis.get(subject.id(), 1))) {
					atRisk++;
					Double later = diagnosis.get(subject.id(), day);
					resolved += Double.valueOf(0).equals(later) ? 1 : 0;
					unknown += later == null ? 1 : 0;
				}
			}
			if (atRisk == 0) {
				notes.add(study.arms().get(arm) + ": nobody had " + name + " on day 1, so no proportion");
			}
			arms.add(new Arm(study.arms().get(arm), atRisk, resolved, atRisk == 0 ? null : (double) resolved / atRisk));
		}
		if (unknown > 0) {
			notes.add(unknown + " subject(s) at risk have no " + name + " diagnosis on day " + day
					+ " (died, not scored or indeterminate): counted as not resolved");
		}
		TwoByTwo table = new TwoByTwo(arms.get(0).resolved(), arms.get(0).atRisk(), arms.get(1).resolved(),
				arms.get(1).atRisk());
		return new DicResolution(day, score, arms, RiskDifference.newcombe(table), Fisher.twoSided(table), notes);
	}
}
