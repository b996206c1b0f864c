package org.trialfhir.analysis.compare;

import java.util.List;
import org.trialfhir.analysis.data.StudyData;

/**
 * Everything {@code $analyze} reports, before rendering. When the arms are hidden (a blinded study and a token
 * without the {@code unblinded} scope) only {@link #pooled} and the notes are filled.
 *
 * @param rules       how each measured variable's daily value was chosen (variable token → rule), for the report
 */
public record AnalysisResult(StudyData study, AnalyzeRequest request, boolean armsShown, Mortality mortality,
		List<Comparison> comparisons, List<Change> changes, DicResolution dicResolution, List<Safety> safety,
		Pooled pooled, List<String> notes, java.util.Map<String, String> rules) {

	/** Counts over both arms together: what a blinded reader may see. */
	public record Pooled(int day, int n, int deaths, Double mortality) {
	}

	public AnalysisResult {
		comparisons = List.copyOf(comparisons);
		changes = List.copyOf(changes);
		safety = List.copyOf(safety);
		notes = List.copyOf(notes);
		rules = java.util.Map.copyOf(rules);
	}
}
