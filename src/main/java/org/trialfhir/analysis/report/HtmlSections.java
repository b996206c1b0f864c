package org.trialfhir.analysis.report;

import java.util.List;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.Change;
import org.trialfhir.analysis.compare.Comparison;
import org.trialfhir.analysis.compare.DicResolution;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.analysis.compare.Safety;
import org.trialfhir.scoring.Scores;
import org.trialfhir.stats.IntervalEstimate;
import org.trialfhir.stats.Summary;

/** The arm-level sections of {@link HtmlReport}. */
final class HtmlSections {

	private final StringBuilder html;
	private final AnalysisResult result;
	private final List<String> arms;

	HtmlSections(StringBuilder html, AnalysisResult result) {
		this.html = html;
		this.result = result;
		this.arms = result.study().arms();
	}

	void mortality() {
		Mortality m = result.mortality();
		html.append("<h2>Mortality by day ").append(m.day()).append("</h2><table><thead><tr><th>arm</th>")
				.append("<th>subjects</th><th>deaths by day ").append(m.day()).append("</th><th>mortality</th>")
				.append("<th>censored before day ").append(m.day()).append("</th></tr></thead><tbody>");
		for (Mortality.ArmCount arm : m.arms()) {
			html.append("<tr><td>").append(Html.escape(arm.name())).append("</td><td>").append(arm.n())
					.append("</td><td>").append(arm.deaths()).append("</td><td>").append(Html.percent(arm.mortality()))
					.append("</td><td>").append(arm.censored()).append("</td></tr>");
		}
		String contrast = arms.get(0) + " vs " + arms.get(1);
		html.append("</tbody></table><table><thead><tr><th>statistic (").append(Html.escape(contrast))
				.append(")</th><th>estimate (95% CI)</th><th>p</th></tr></thead><tbody>");
		row("risk difference, Newcombe hybrid score", interval(m.riskDifference(), true), "");
		row("risk ratio, Katz log", interval(m.riskRatio(), false), "");
		row("Fisher's exact test, two-sided", "", Html.p(m.fisher().p()));
		row("log-rank test (χ² = " + Html.number(m.logRank().chiSquare(), 3) + ", 1 df)", "",
				Html.p(m.logRank().p()));
		html.append("</tbody></table>");
		notes(Notes.mortality(m));
		html.append("<figure>").append(SurvivalChart.render(m)).append("<figcaption>Kaplan-Meier survival by arm; ")
				.append("ticks mark subjects censored (withdrawn or lost) before day ").append(m.day())
				.append(".</figcaption></figure>");
	}

	void dicResolution() {
		DicResolution d = result.dicResolution();
		String score = Html.escape(Scores.NAMES.get(d.score()));
		html.append("<h2>DIC resolution by day ").append(d.day()).append("</h2><p>At risk: ").append(score)
				.append(" on day 1; resolved: no ").append(score).append(" on day ").append(d.day()).append(".</p><table><thead><tr><th>arm</th>")
				.append("<th>at risk</th><th>resolved</th><th>proportion</th></tr></thead><tbody>");
		for (DicResolution.Arm arm : d.arms()) {
			html.append("<tr><td>").append(Html.escape(arm.name())).append("</td><td>").append(arm.atRisk())
					.append("</td><td>").append(arm.resolved()).append("</td><td>")
					.append(Html.percent(arm.proportion())).append("</td></tr>");
		}
		html.append("</tbody></table><table><tbody>");
		row("risk difference, Newcombe hybrid score (95% CI)", interval(d.riskDifference(), true), "");
		row("Fisher's exact test, two-sided", "", Html.p(d.fisher().p()));
		html.append("</tbody></table>");
		notes(Notes.dicResolution(d));
	}

	void safety() {
		html.append("<h2>Bleeding within day ").append(result.request().mortalityDay()).append("</h2><table><thead>")
				.append("<tr><th>category</th>");
		arms.forEach(arm -> html.append("<th>").append(Html.escape(arm)).append(": subjects with event</th>"));
		html.append("<th>Fisher p</th></tr></thead><tbody>");
		for (Safety s : result.safety()) {
			html.append("<tr><td>").append(Html.escape(s.category())).append("</td>");
			for (Safety.Arm arm : s.arms()) {
				html.append("<td>").append(arm.events()).append(" / ").append(arm.n()).append(" (")
						.append(Html.percent(arm.n() == 0 ? null : (double) arm.events() / arm.n())).append(")</td>");
			}
			html.append("<td>").append(Html.escape(Html.p(s.fisher().p()))).append("</td></tr>");
		}
		html.append("</tbody></table>");
		if (!result.safety().isEmpty()) {
			notes(Notes.safety(result.safety().get(result.safety().size() - 1)));
		}
	}

	void variables() {
		html.append("<h2>Daily values</h2><p>Median [Q1–Q3] per arm (R quantile type 7); Wilcoxon rank-sum test ")
				.append("with the Hodges-Lehmann shift (").append(Html.escape(arms.get(0))).append(" − ")
				.append(Html.escape(arms.get(1))).append(") and its 95% CI.</p>");
		for (AnalysisVariable variable : result.request().variables()) {
			List<Comparison> days = result.comparisons().stream().filter(c -> c.variable().equals(variable)).toList();
			html.append("<section class=\"variable\"><h3>").append(Html.escape(variable.label())).append(" <small>")
					.append(Html.escape(variable.token())).append("</small></h3><p class=\"meta\">Daily value: ")
					.append(Html.escape(result.rules().get(variable.token()))).append(".</p><figure>")
					.append(DailyChart.render(variable, days, arms)).append("</figure>");
			dayTable(days);
			changeTable(variable);
			html.append("</section>");
		}
	}

	private void dayTable(List<Comparison> days) {
		html.append("<table><thead><tr><th>day</th>");
		arms.forEach(arm -> html.append("<th>").append(Html.escape(arm)).append(": n, median [Q1–Q3]</th>"));
		html.append("<th>shift (95% CI)</th><th>rank-sum p</th><th>method</th></tr></thead><tbody>");
		for (Comparison c : days) {
			html.append("<tr><td>").append(c.day()).append("</td><td>").append(summary(c.arm1())).append("</td><td>")
					.append(summary(c.arm2())).append("</td><td>")
					.append(Html.interval(c.test().shift().estimate(), c.test().shift().lower(),
							c.test().shift().upper(), v -> Html.number(v, 2)))
					.append("</td><td>").append(Html.escape(Html.p(c.test().p()))).append("</td><td>")
					.append(HtmlReport.method(c.test().method())).append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private void changeTable(AnalysisVariable variable) {
		List<Change> changes = result.changes().stream().filter(c -> c.variable().equals(variable)).toList();
		if (changes.isEmpty()) {
			return;
		}
		Change first = changes.get(0);
		html.append("<table><thead><tr><th>day ").append(first.baselineDay()).append(" → day ")
				.append(first.followupDay()).append("</th><th>pairs</th><th>median, paired subjects</th><th>V</th>")
				.append("<th>signed-rank p</th><th>unpaired rank-sum p (as the pilot report)</th></tr></thead><tbody>");
		for (Change c : changes) {
			html.append("<tr><td>").append(Html.escape(c.arm())).append("</td><td>").append(c.paired().pairs())
					.append("</td><td>").append(Html.number(c.medianBaseline(), 2)).append(" → ")
					.append(Html.number(c.medianFollowup(), 2)).append("</td><td>").append(Html.number(c.paired().v(), 1))
					.append("</td><td>").append(Html.escape(Html.p(c.paired().p()))).append(' ')
					.append(HtmlReport.method(c.paired().method())).append("</td><td>").append(Html.escape(Html.p(c.unpaired().p())))
					.append(' ').append(HtmlReport.method(c.unpaired().method())).append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private static String summary(Summary s) {
		return s.n() + ", " + Html.number(s.median(), 2) + " [" + Html.number(s.q1(), 2) + "–" + Html.number(s.q3(), 2)
				+ "]";
	}

	private static String interval(IntervalEstimate estimate, boolean percent) {
		return Html.interval(estimate.estimate(), estimate.lower(), estimate.upper(),
				percent ? Html::percent : v -> Html.number(v, 2));
	}

	private void row(String label, String estimate, String p) {
		html.append("<tr><td>").append(Html.escape(label)).append("</td><td>").append(Html.escape(estimate))
				.append("</td><td>").append(Html.escape(p)).append("</td></tr>");
	}

	private void notes(List<String> notes) {
		if (!notes.isEmpty()) {
			html.append("<ul class=\"note\">");
			notes.forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>"));
			html.append("</ul>");
		}
	}
}
