package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.stats.Quantiles;
import org.trialfhir.stats.RankSum;
import org.trialfhir.stats.RankSumResult;
import org.trialfhir.stats.SignedRankResult;

/**
 * Baseline day against follow-up day within one arm (docs/statistics.md): the signed-rank test on the subjects with both
 * values ({@code wilcox.test(b, f, paired = TRUE)}, the primary within-arm test), the medians of those pairs, and —
 * labelled as the pilot report computed it — the rank-sum test of the two days as independent samples
 * ({@code wilcox.test(b, f)} on every available value).
 *
 * @param medianBaseline median of the baseline values of the complete pairs; null without pairs
 * @param medianFollowup median of the follow-up values of the complete pairs; null without pairs
 */
public record Change(AnalysisVariable variable, String arm, int baselineDay, int followupDay, SignedRankResult paired,
		Double medianBaseline, Double medianFollowup, RankSumResult unpaired) {

	static List<Change> of(StudyData study, AnalysisVariable variable, DayTable values, int baselineDay,
			int followupDay) {
		List<Change> changes = new ArrayList<>();
		for (int arm = 0; arm < study.arms().size(); arm++) {
			List<Subject> subjects = study.inArm(arm);
			double[] baseline = values.column(subjects, baselineDay);
			double[] followup = values.column(subjects, followupDay);
			List<Double> pairedBaseline = new ArrayList<>();
			List<Double> pairedFollowup = new ArrayList<>();
			for (int i = 0; i < baseline.length; i++) {
				if (!Double.isNaN(baseline[i]) && !Double.isNaN(followup[i])) {
					pairedBaseline.add(baseline[i]);
					pairedFollowup.add(followup[i]);
				}
			}
			changes.add(new Change(variable, study.arms().get(arm), baselineDay, followupDay,
					org.trialfhir.stats.SignedRank.test(baseline, followup), median(pairedBaseline),
					median(pairedFollowup), RankSum.test(baseline, followup)));
		}
		return changes;
	}

	private static Double median(List<Double> values) {
		return Quantiles.type7(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
	}
}
