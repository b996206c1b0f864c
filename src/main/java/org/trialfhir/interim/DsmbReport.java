package org.trialfhir.interim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.analysis.compare.Safety;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.report.Html;
import org.trialfhir.analysis.report.HtmlReport;
import org.trialfhir.analysis.report.SurvivalChart;
import org.trialfhir.analysis.report.SvgPlot;
import org.trialfhir.completeness.CompletenessByDay;
import org.trialfhir.interim.InterimResult.Power;
import org.trialfhir.interim.InterimResult.Statistic;
import org.trialfhir.stats.GroupSequential.Boundary;

/**
 * The printable report of a look for the Data and Safety Monitoring Board: an open session (pooled, for every reader of
 * the study) and a closed session (by arm, only when the arms are shown: open-label, or a token with
 * {@code unblinded}). Well-formed XHTML with inline SVG drawn here, as the {@code $analyze} report is; no script.
 */
final class DsmbReport {

	private final StringBuilder html = new StringBuilder();
	private final InterimExecutor.Run run;
	private final InterimResult result;

	private DsmbReport(InterimExecutor.Run run) {
		this.run = run;
		this.result = run.result();
	}

	static String render(InterimExecutor.Run run, Instant generated) {
		return new DsmbReport(run).document(generated);
	}

	private String document(Instant generated) {
		String title = result.title() == null ? "ResearchStudy/" + result.studyId() : result.title();
		html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
				.append("<meta charset=\"utf-8\"/><title>").append(Html.escape("DSMB report: " + title))
				.append("</title><style>").append(HtmlReport.STYLE).append("</style></head><body>");
		html.append("<h1>DSMB report, look ").append(result.look()).append(": ").append(Html.escape(title))
				.append("</h1><p class=\"meta\">ResearchStudy/").append(Html.escape(result.studyId()))
				.append(" · information fraction ").append(Html.number(result.informationFraction(), 3))
				.append(" · generated ").append(generated.truncatedTo(ChronoUnit.SECONDS)).append(" UTC</p>");
		notes(result.notes());
		openSession();
		if (result.armsShown()) {
			closedSession();
		} else {
			html.append("<p class=\"banner\">Closed session not shown: the study is blinded and the token has no ")
					.append("<code>unblinded</code> scope.</p>");
		}
		return html.append("</body></html>\n").toString();
	}

	private void openSession() {
		html.append("<h2>Open session (pooled)</h2>");
		html.append(run.consort().toHtmlSection(false));
		html.append("<h3>Accrual against the plan</h3>").append(accrualChart());
		html.append("<table><thead><tr><th>randomized</th><th>planned</th><th>with a known day-")
				.append(result.outcomes().mortalityDay()).append(" outcome</th><th>deaths among them</th></tr></thead>")
				.append("<tbody><tr><td>").append(result.outcomes().randomized()).append("</td><td>")
				.append(result.design().plannedSubjects()).append("</td><td>").append(result.outcomes().withOutcome())
				.append("</td><td>").append(result.outcomes().deaths()).append("</td></tr></tbody></table>");
		// Table 1 pooled: its site rows are the enrolment by site
		html.append(run.baseline().toHtmlSection(false));
		completeness();
		html.append("<h3>Bleeding events (pooled)</h3><table><thead><tr><th>category</th><th>subjects with an event")
				.append("</th></tr></thead><tbody>");
		for (Safety safety : Safety.of(run.data(), run.bleeding(), result.outcomes().mortalityDay())) {
			html.append("<tr><td>").append(Html.escape(safety.category())).append("</td><td>")
					.append(safety.arms().stream().mapToInt(Safety.Arm::events).sum()).append("</td></tr>");
		}
		html.append("</tbody></table>");
		design();
	}

	/** Expected items received per study day, all subjects pooled ($completeness with its defaults). */
	private void completeness() {
		html.append("<h3>Data completeness (pooled)</h3>");
		if (run.completeness().isEmpty()) {
			html.append("<p>No item is due yet.</p>");
			return;
		}
		html.append("<table><thead><tr><th>study day</th><th>expected</th><th>received</th><th>%</th></tr></thead>")
				.append("<tbody>");
		for (CompletenessByDay.Day day : run.completeness()) {
			html.append("<tr><td>").append(day.day()).append("</td><td>").append(day.expected()).append("</td><td>")
					.append(day.received()).append("</td><td>")
					.append(day.percent() == null ? "" : day.percent().toPlainString()).append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private void design() {
		html.append("<h3>Design</h3><p>").append(Html.escape(result.design().spending().code()))
				.append(" spending, two-sided α = ").append(Html.number(result.design().alpha(), 4)).append(", ")
				.append(result.design().plannedSubjects()).append(" subjects planned.</p><table><thead><tr>")
				.append("<th>look</th><th>information fraction</th><th>critical |z|</th><th>nominal p</th>")
				.append("<th>cumulative α spent</th><th>recorded</th></tr></thead><tbody>");
		for (Boundary b : result.boundaries()) {
			boolean recorded = result.recorded().stream().anyMatch(r -> r.look() == b.look());
			html.append("<tr><td>").append(b.look()).append(b.look() == result.look() ? " (this look)" : "")
					.append("</td><td>").append(Html.number(b.informationFraction(), 3)).append("</td><td>")
					.append(Double.isInfinite(b.z()) ? "∞" : Html.number(b.z(), 4)).append("</td><td>")
					.append(Html.p(b.nominalP())).append("</td><td>").append(Html.number(b.alphaSpent(), 6))
					.append("</td><td>").append(recorded ? "yes" : "").append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private void closedSession() {
		html.append("<h2>Closed session (by arm)</h2>");
		html.append(run.consort().toHtmlSection(true)).append(run.baseline().toHtmlSection(true));
		Statistic s = result.statistic();
		List<Outcomes.ArmOutcome> arms = result.outcomes().arms();
		html.append("<h3>Day-").append(result.outcomes().mortalityDay()).append(" mortality</h3>");
		if (s == null) {
			html.append("<p>No statistic at this look (see the notes).</p>");
		} else {
			html.append("<table><thead><tr><th>arm</th><th>subjects with outcome</th><th>deaths</th>")
					.append("<th>mortality</th></tr></thead><tbody>");
			armRow(arms.get(0).name(), s.n1(), s.deaths1());
			armRow(arms.get(1).name(), s.n2(), s.deaths2());
			html.append("</tbody></table><p>z = ").append(Html.number(s.z(), 4)).append(" (pooled SE; negative ")
					.append("favours ").append(Html.escape(arms.get(0).name())).append("), nominal p = ")
					.append(Html.p(s.nominalP())).append("; risk difference ")
					.append(Html.number(s.riskDifference(), 4)).append(", repeated confidence interval ")
					.append(Html.number(s.lower(), 4)).append(" to ").append(Html.number(s.upper(), 4))
					.append(". Decision (advisory): <strong>").append(Html.escape(result.decision()))
					.append("</strong>.</p>");
			notes(s.notes());
		}
		html.append("<figure>").append(boundaryChart()).append("</figure>");
		Power power = result.power();
		if (power != null) {
			html.append("<h3>Conditional power (final boundary, B-value)</h3><table><thead><tr><th>assumption</th>")
					.append("<th>conditional power</th></tr></thead><tbody><tr><td>current trend</td><td>")
					.append(Html.percent(power.underCurrentTrend())).append("</td></tr><tr><td>null (no effect)</td><td>")
					.append(Html.percent(power.underNull())).append("</td></tr><tr><td>design effect</td><td>")
					.append(Html.percent(power.underDesign())).append("</td></tr></tbody></table>");
			notes(power.notes());
		}
		Mortality mortality = Mortality.of(run.data(), result.outcomes().mortalityDay());
		html.append("<h3>Kaplan-Meier by arm</h3><figure>").append(SurvivalChart.render(mortality)).append("</figure>");
		html.append("<h3>Bleeding events by arm</h3><table><thead><tr><th>category</th>");
		arms.forEach(arm -> html.append("<th>").append(Html.escape(arm.name())).append("</th>"));
		html.append("<th>Fisher p</th></tr></thead><tbody>");
		for (Safety safety : Safety.of(run.data(), run.bleeding(), result.outcomes().mortalityDay())) {
			html.append("<tr><td>").append(Html.escape(safety.category())).append("</td>");
			safety.arms().forEach(arm -> html.append("<td>").append(arm.events()).append(" / ").append(arm.n())
					.append("</td>"));
			html.append("<td>").append(Html.p(safety.fisher().p())).append("</td></tr>");
		}
		html.append("</tbody></table>");
	}

	private void armRow(String arm, int n, int deaths) {
		html.append("<tr><td>").append(Html.escape(arm)).append("</td><td>").append(n).append("</td><td>")
				.append(deaths).append("</td><td>").append(Html.percent(n == 0 ? null : deaths / (double) n))
				.append("</td></tr>");
	}

	/** Cumulative randomized subjects by calendar day, with the planned total as a line. */
	private String accrualChart() {
		List<Subject> subjects = run.data().subjects();
		int planned = result.design().plannedSubjects();
		if (subjects.isEmpty()) {
			return "<p>No subject randomized yet.</p>";
		}
		LocalDate first = subjects.get(0).t0().atZone(ZoneOffset.UTC).toLocalDate();
		LocalDate last = subjects.get(subjects.size() - 1).t0().atZone(ZoneOffset.UTC).toLocalDate();
		long days = Math.max(1, ChronoUnit.DAYS.between(first, last) + 1);
		SvgPlot plot = new SvgPlot("Randomized subjects over time against " + planned + " planned", 0, days, 0,
				Math.max(planned, subjects.size()));
		plot.axes(List.of(0.0, (double) days), List.of(0.0, planned / 2.0, (double) planned),
				"days since the first randomization (" + first + ")", "randomized", 0);
		StringBuilder d = new StringBuilder("M").append(coordinate(plot.x(0))).append(' ')
				.append(coordinate(plot.y(0)));
		for (int i = 0; i < subjects.size(); i++) {
			double day = (subjects.get(i).t0().toEpochMilli() - first.atStartOfDay(ZoneOffset.UTC).toInstant()
					.toEpochMilli()) / 86_400_000.0;
			d.append(" H").append(coordinate(plot.x(day))).append(" V").append(coordinate(plot.y(i + 1)));
		}
		plot.path(0, d.toString());
		plot.line(plot.x(0), plot.y(planned), plot.x(days), plot.y(planned), "#888", "4 3");
		return plot.end();
	}

	/** Critical ±z by information fraction, the recorded looks' z and this look's. */
	private String boundaryChart() {
		double top = 6;
		SvgPlot plot = new SvgPlot("Group-sequential boundaries and observed z", 0, 1, -top, top);
		plot.axes(List.of(0.0, 0.25, 0.5, 0.75, 1.0), List.of(-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0),
				"information fraction", "z (negative favours " + result.outcomes().arms().get(0).name() + ")", 0);
		List<double[]> points = new ArrayList<>();
		for (Boundary b : result.boundaries()) {
			if (!Double.isInfinite(b.z())) {
				points.add(new double[] {b.informationFraction(), Math.min(b.z(), top)});
			}
		}
		for (int sign : new int[] {1, -1}) {
			StringBuilder d = new StringBuilder();
			for (double[] p : points) {
				d.append(d.length() == 0 ? "M" : " L").append(coordinate(plot.x(p[0]))).append(' ')
						.append(coordinate(plot.y(sign * p[1])));
				plot.marker(1, plot.x(p[0]), plot.y(sign * p[1]));
			}
			if (d.length() > 0) {
				plot.path(1, d.toString());
			}
		}
		for (RecordedLook look : result.recorded()) {
			if (look.z() != null && look.look() != result.look()) {
				plot.marker(0, plot.x(look.informationFraction()), plot.y(Math.max(-top, Math.min(top, look.z()))));
			}
		}
		if (result.statistic() != null && result.statistic().z() != null) {
			plot.marker(0, plot.x(result.informationFraction()),
					plot.y(Math.max(-top, Math.min(top, result.statistic().z()))));
		}
		return plot.legend(List.of("observed z", "boundary ±c")).end();
	}

	private static String coordinate(double value) {
		return String.format(java.util.Locale.ROOT, "%.2f", value);
	}

	private void notes(List<String> notes) {
		if (!notes.isEmpty()) {
			html.append("<ul class=\"note\">");
			notes.forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>"));
			html.append("</ul>");
		}
	}
}
