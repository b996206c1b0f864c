package org.trialfhir.analysis.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.trialfhir.analysis.baseline.BaselineTable;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.consort.ConsortFlow;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.stats.TestMethod;

/**
 * The report an investigator reads and prints: the study, arm sizes, mortality with RD/RR and their intervals and
 * p-values, Kaplan-Meier curves, DIC resolution, bleeding, and per variable a chart of median and IQR by day with the
 * day-by-day p-values and the baseline → follow-up change. Well-formed XHTML with inline SVG; no script, no font or
 * anything else from the internet.
 */
public final class HtmlReport {

	public static final String STYLE = """
			body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em auto;
			max-width:60em;color:#222;line-height:1.4}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.8em;
			border-bottom:1px solid #ccc}h3{font-size:1.05em;margin-top:1.5em}table{border-collapse:collapse;
			margin:.6em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right;vertical-align:top}
			th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}.meta{color:#555}
			.note{color:#7a4b00;font-size:.9em}.banner{background:#fff4d6;border:1px solid #e0c070;padding:.6em}
			svg.chart{display:block;max-width:100%;height:auto}
			@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-before:auto}
			section.variable,figure{break-inside:avoid}}""";

	private final StringBuilder html = new StringBuilder();
	private final AnalysisResult result;
	private final List<String> arms;

	private HtmlReport(AnalysisResult result) {
		this.result = result;
		this.arms = result.study().arms();
	}

	public static String render(AnalysisResult result, Instant generated) {
		return new HtmlReport(result).document(generated, List.of());
	}

	/** The report with the study's baseline table and CONSORT flow first, as a trial report opens. */
	public static String render(AnalysisResult result, Instant generated, ConsortFlow consort, BaselineTable baseline) {
		return new HtmlReport(result).document(generated, List.of(consort.toHtmlSection(result.armsShown()),
				baseline.toHtmlSection(result.armsShown())));
	}

	private String document(Instant generated, List<String> studySections) {
		StudyData study = result.study();
		String title = study.title() == null ? "ResearchStudy/" + study.id() : study.title();
		html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
				.append("<meta charset=\"utf-8\"/><title>").append(Html.escape("Outcome analysis: " + title))
				.append("</title><style>").append(STYLE).append("</style></head><body>");
		html.append("<h1>").append(Html.escape(title)).append("</h1><p class=\"meta\">ResearchStudy/")
				.append(Html.escape(study.id())).append(" · ").append(study.subjects().size())
				.append(" randomized subjects · arms ").append(Html.escape(String.join(" vs ", arms)))
				.append(" (the first arm is the treatment side of every comparison) · generated ")
				.append(generated.truncatedTo(ChronoUnit.SECONDS)).append(" UTC</p>");
		notes(result.notes());
		studySections.forEach(html::append);
		if (!result.armsShown()) {
			pooled();
		} else {
			HtmlSections sections = new HtmlSections(html, result);
			sections.mortality();
			sections.dicResolution();
			sections.safety();
			sections.variables();
		}
		return html.append("</body></html>\n").toString();
	}

	private void pooled() {
		AnalysisResult.Pooled pooled = result.pooled();
		html.append("<p class=\"banner\">This study is blinded. Arm-level results are shown only to a token with the ")
				.append("<code>unblinded</code> scope.</p><h2>Pooled counts (both arms)</h2><table><thead><tr>")
				.append("<th>subjects</th><th>deaths by day ").append(pooled.day()).append("</th><th>mortality</th>")
				.append("</tr></thead><tbody><tr><td>").append(pooled.n()).append("</td><td>").append(pooled.deaths())
				.append("</td><td>").append(Html.percent(pooled.mortality())).append("</td></tr></tbody></table>");
	}

	private void notes(List<String> notes) {
		if (!notes.isEmpty()) {
			html.append("<ul class=\"note\">");
			notes.forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>"));
			html.append("</ul>");
		}
	}

	static String method(TestMethod method) {
		return method == null ? "" : method == TestMethod.EXACT ? "exact" : "normal approx., continuity corr.";
	}
}
