package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.stats.Fisher;
import org.trialfhir.stats.IntervalEstimate;
import org.trialfhir.stats.KaplanMeier;
import org.trialfhir.stats.KaplanMeierCurve;
import org.trialfhir.stats.LogRank;
import org.trialfhir.stats.LogRankResult;
import org.trialfhir.stats.PValueResult;
import org.trialfhir.stats.RiskDifference;
import org.trialfhir.stats.RiskRatio;
import org.trialfhir.stats.TimeToEvent;
import org.trialfhir.stats.TwoByTwo;

/**
 * Mortality by day D: deaths per arm, risk difference (Newcombe), risk ratio (Katz), Fisher's exact test, log-rank
 * and Kaplan-Meier curves, from each subject's {@link FollowUp}.
 *
 * @param arms      one count per arm, in ResearchStudy.arm order
 * @param followUps each arm's times to death or censoring (for the curves' censoring marks)
 */
public record Mortality(int day, List<ArmCount> arms, IntervalEstimate riskDifference, IntervalEstimate riskRatio,
		PValueResult fisher, LogRankResult logRank, List<KaplanMeierCurve> curves, List<List<TimeToEvent>> followUps,
		List<String> notes) {

	/**
	 * @param censored subjects censored before day D (withdrawn or lost): counted as survivors in the proportion
	 */
	public record ArmCount(String name, int n, int deaths, Double mortality, int censored) {
	}

	public static Mortality of(StudyData study, int day) {
		List<ArmCount> arms = new ArrayList<>();
		List<List<TimeToEvent>> followUps = new ArrayList<>();
		List<KaplanMeierCurve> curves = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (int arm = 0; arm < study.arms().size(); arm++) {
			List<TimeToEvent> events = new ArrayList<>();
			int deaths = 0;
			int censored = 0;
			for (Subject subject : study.inArm(arm)) {
				FollowUp followUp = FollowUp.of(subject, day);
				if (followUp.beforeT0()) {
					notes.add("subject " + subject.id() + ": death or period end recorded before T0, counted at time 0");
				}
				deaths += followUp.died() ? 1 : 0;
				censored += !followUp.died() && followUp.days() < day ? 1 : 0;
				events.add(followUp.toEvent());
			}
			int n = events.size();
			arms.add(new ArmCount(study.arms().get(arm), n, deaths, n == 0 ? null : (double) deaths / n, censored));
			followUps.add(events);
			curves.add(KaplanMeier.estimate(events));
		}
		ArmCount x = arms.get(0);
		ArmCount y = arms.get(1);
		if (x.censored() + y.censored() > 0) {
			notes.add((x.censored() + y.censored()) + " subject(s) censored before day " + day
					+ " count as alive in the proportions, Fisher's test and the risk difference and ratio; "
					+ "the Kaplan-Meier estimates and the log-rank test account for them");
		}
		TwoByTwo table = new TwoByTwo(x.deaths(), x.n(), y.deaths(), y.n());
		return new Mortality(day, arms, RiskDifference.newcombe(table), RiskRatio.katz(table), Fisher.twoSided(table),
				LogRank.test(followUps.get(0), followUps.get(1)), curves, followUps, notes);
	}
}
