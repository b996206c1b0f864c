package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.stats.Quantiles;
import org.trialfhir.stats.RankSum;
import org.trialfhir.stats.RankSumResult;
import org.trialfhir.stats.Summary;

/**
 * One variable on one study day, first arm (x) against second (y): median and quartiles per arm
 * ({@code quantile(type = 7)}) and the rank-sum test with the Hodges-Lehmann shift
 * ({@code wilcox.test(x, y, conf.int = TRUE)}). Subjects without a value that day (dead, missing) are left out.
 */
public record Comparison(AnalysisVariable variable, int day, Summary arm1, Summary arm2, RankSumResult test) {

	static List<Comparison> of(StudyData study, AnalysisVariable variable, DayTable values, List<Integer> days) {
		List<Subject> x = study.inArm(0);
		List<Subject> y = study.inArm(1);
		List<Comparison> comparisons = new ArrayList<>();
		for (int day : days) {
			double[] xs = values.column(x, day);
			double[] ys = values.column(y, day);
			comparisons.add(new Comparison(variable, day, Quantiles.summarize(xs), Quantiles.summarize(ys),
					RankSum.test(xs, ys)));
		}
		return comparisons;
	}
}
