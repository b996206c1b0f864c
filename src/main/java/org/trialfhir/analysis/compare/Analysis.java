package org.trialfhir.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.DayRule;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.StudyData;

/**
 * The arm-level comparison itself, on data already read and shaped: pure, so the numbers can be checked against R
 * without a server.
 */
public final class Analysis {

	private Analysis() {
	}

	/**
	 * @param values    each requested variable's value per subject and day
	 * @param diagnosis diagnosis of the request's resolution score (JAAM DIC by default) per subject and day (1 / 0; absent when indeterminate or not scored)
	 * @param armsShown false for a blinded study read without the {@code unblinded} scope
	 */
	public static AnalysisResult run(StudyData study, AnalyzeRequest request, Map<AnalysisVariable, DayTable> values,
			DayTable diagnosis, List<BleedingEvent> bleeding, boolean armsShown) {
		List<String> notes = new ArrayList<>(study.notes());
		Map<String, String> rules = new LinkedHashMap<>();
		for (AnalysisVariable variable : request.variables()) {
			rules.put(variable.token(), variable.isScore() ? "derived score of the day"
					: DayRule.of(variable.measured()).description());
		}
		Mortality mortality = Mortality.of(study, request.mortalityDay());
		int deaths = mortality.arms().stream().mapToInt(Mortality.ArmCount::deaths).sum();
		int n = study.subjects().size();
		AnalysisResult.Pooled pooled = new AnalysisResult.Pooled(request.mortalityDay(), n, deaths,
				n == 0 ? null : (double) deaths / n);
		if (!armsShown) {
			notes.add("The study is blinded: arm-level results need a token with the 'unblinded' scope; "
					+ "only pooled counts are shown.");
			return new AnalysisResult(study, request, false, null, List.of(), List.of(), null, List.of(), pooled,
					notes, rules);
		}
		List<Comparison> comparisons = new ArrayList<>();
		List<Change> changes = new ArrayList<>();
		for (AnalysisVariable variable : request.variables()) {
			if (values.getOrDefault(variable, new DayTable()).isEmpty()) {
				notes.add(variable.token() + ": no values for this study's subjects");
			}
		}
		// the variables are independent: compute them on all cores (the rank tests at n ≈ 500 take milliseconds each)
		request.variables().parallelStream().map(variable -> {
			DayTable table = values.getOrDefault(variable, new DayTable());
			return Map.entry(Comparison.of(study, variable, table, request.days()),
					Change.of(study, variable, table, request.baselineDay(), request.followupDay()));
		}).toList().forEach(results -> {
			comparisons.addAll(results.getKey());
			changes.addAll(results.getValue());
		});
		return new AnalysisResult(study, request, true, mortality, comparisons, changes,
				DicResolution.of(study, diagnosis, request.resolutionScore(), request.resolutionDay()),
				Safety.of(study, bleeding, request.mortalityDay()), pooled, notes, rules);
	}
}
