package org.trialfhir.analysis.report;

import java.util.List;
import org.trialfhir.analysis.baseline.BaselineTable;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.Change;
import org.trialfhir.analysis.compare.Comparison;
import org.trialfhir.analysis.compare.DicResolution;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.analysis.compare.Safety;
import org.trialfhir.analysis.consort.ConsortFlow;
import org.trialfhir.stats.KaplanMeierCurve;
import org.trialfhir.stats.KaplanMeierStep;
import org.trialfhir.stats.LocationEstimate;
import org.trialfhir.stats.Summary;

/**
 * The result in long format (RFC 4180 CSV): one row per variable × day × arm × statistic, columns
 * {@code section,variable,day,arm,statistic,value}. Between-arm statistics have an empty arm; {@code day} is the
 * study day (comparison), the follow-up day (change), the mortality or resolution day, or the event time in days
 * (survival). Values that cannot be computed have no row; {@code note} rows say why.
 */
public final class CsvReport {

	static final String HEADER = "section,variable,day,arm,statistic,value";

	private final StringBuilder out = new StringBuilder(HEADER).append("\r\n");
	private final List<String> arms;

	private CsvReport(List<String> arms) {
		this.arms = arms;
	}

	/**
	 * The result, then the CONSORT flow (section {@code consort}, variable = the box) and the baseline table (section
	 * {@code baseline}, variable = the characteristic, {@code :category} for a categorical one, day 1).
	 */
	public static String render(AnalysisResult result, ConsortFlow consort, BaselineTable baseline) {
		StringBuilder out = new StringBuilder(render(result));
		CsvReport csv = new CsvReport(result.study().arms());
		csv.out.setLength(0);
		for (ConsortFlow.Row row : consort.rows(result.armsShown())) {
			csv.row("consort", row.box(), "", row.arm(), row.statistic(), row.value());
		}
		for (BaselineTable.CsvRow row : baseline.rows(result.armsShown())) {
			csv.row("baseline", row.characteristic(), row.day(), row.arm(), row.statistic(), row.value());
		}
		return out.append(csv.out).toString();
	}

	public static String render(AnalysisResult result) {
		CsvReport csv = new CsvReport(result.study().arms());
		result.notes().forEach(note -> csv.row("study", "", "", "", "note", note));
		AnalysisResult.Pooled pooled = result.pooled();
		String day = Integer.toString(pooled.day());
		if (!result.armsShown()) {
			csv.row("pooled", "", day, "", "n", pooled.n());
			csv.row("pooled", "", day, "", "deaths", pooled.deaths());
			csv.row("pooled", "", day, "", "mortality", pooled.mortality());
			return csv.out.toString();
		}
		csv.mortality(result.mortality());
		result.comparisons().forEach(csv::comparison);
		result.changes().forEach(csv::change);
		csv.dicResolution(result.dicResolution());
		result.safety().forEach(csv::safety);
		return csv.out.toString();
	}

	private void mortality(Mortality m) {
		String day = Integer.toString(m.day());
		for (Mortality.ArmCount arm : m.arms()) {
			row("arm", "", day, arm.name(), "n", arm.n());
			row("arm", "", day, arm.name(), "deaths", arm.deaths());
			row("arm", "", day, arm.name(), "mortality", arm.mortality());
		}
		row("mortality", "", day, "", "risk-difference", m.riskDifference().estimate());
		row("mortality", "", day, "", "risk-difference-lower", m.riskDifference().lower());
		row("mortality", "", day, "", "risk-difference-upper", m.riskDifference().upper());
		row("mortality", "", day, "", "risk-ratio", m.riskRatio().estimate());
		row("mortality", "", day, "", "risk-ratio-lower", m.riskRatio().lower());
		row("mortality", "", day, "", "risk-ratio-upper", m.riskRatio().upper());
		row("mortality", "", day, "", "fisher-p", m.fisher().p());
		row("mortality", "", day, "", "logrank-chisq", m.logRank().chiSquare());
		row("mortality", "", day, "", "logrank-p", m.logRank().p());
		notes("mortality", "", day, "", Notes.mortality(m));
		for (int arm = 0; arm < m.curves().size(); arm++) {
			KaplanMeierCurve curve = m.curves().get(arm);
			String name = m.arms().get(arm).name();
			for (KaplanMeierStep step : curve.steps()) {
				row("survival", "", Numbers.format(step.time()), name, "estimate", step.survival());
			}
			notes("survival", "", "", name, curve.notes());
		}
	}

	private void comparison(Comparison c) {
		String variable = c.variable().token();
		String day = Integer.toString(c.day());
		summary(variable, day, arms.get(0), c.arm1());
		summary(variable, day, arms.get(1), c.arm2());
		row("comparison", variable, day, "", "w", c.test().w());
		row("comparison", variable, day, "", "ranksum-p", c.test().p());
		row("comparison", variable, day, "", "ranksum-method", c.test().method() == null ? null
				: c.test().method().label());
		LocationEstimate shift = c.test().shift();
		row("comparison", variable, day, "", "hodges-lehmann", shift.estimate());
		row("comparison", variable, day, "", "hl-lower", shift.lower());
		row("comparison", variable, day, "", "hl-upper", shift.upper());
		notes("comparison", variable, day, "", Notes.comparison(c));
	}

	private void summary(String variable, String day, String arm, Summary summary) {
		row("comparison", variable, day, arm, "n", summary.n());
		row("comparison", variable, day, arm, "median", summary.median());
		row("comparison", variable, day, arm, "q1", summary.q1());
		row("comparison", variable, day, arm, "q3", summary.q3());
	}

	private void change(Change c) {
		String variable = c.variable().token();
		String day = Integer.toString(c.followupDay());
		String arm = c.arm();
		row("change", variable, day, arm, "baseline-day", c.baselineDay());
		row("change", variable, day, arm, "pairs", c.paired().pairs());
		row("change", variable, day, arm, "median-baseline", c.medianBaseline());
		row("change", variable, day, arm, "median-followup", c.medianFollowup());
		row("change", variable, day, arm, "v", c.paired().v());
		row("change", variable, day, arm, "signedrank-p", c.paired().p());
		row("change", variable, day, arm, "signedrank-method", c.paired().method() == null ? null
				: c.paired().method().label());
		row("change", variable, day, arm, "unpaired-ranksum-p", c.unpaired().p());
		row("change", variable, day, arm, "unpaired-ranksum-method", c.unpaired().method() == null ? null
				: c.unpaired().method().label());
		notes("change", variable, day, arm, Notes.change(c));
	}

	private void dicResolution(DicResolution d) {
		String day = Integer.toString(d.day());
		for (DicResolution.Arm arm : d.arms()) {
			row("dic-resolution", "", day, arm.name(), "at-risk", arm.atRisk());
			row("dic-resolution", "", day, arm.name(), "resolved", arm.resolved());
			row("dic-resolution", "", day, arm.name(), "proportion", arm.proportion());
		}
		row("dic-resolution", "", day, "", "risk-difference", d.riskDifference().estimate());
		row("dic-resolution", "", day, "", "risk-difference-lower", d.riskDifference().lower());
		row("dic-resolution", "", day, "", "risk-difference-upper", d.riskDifference().upper());
		row("dic-resolution", "", day, "", "fisher-p", d.fisher().p());
		notes("dic-resolution", "", day, "", Notes.dicResolution(d));
	}

	private void safety(Safety s) {
		String day = Integer.toString(s.day());
		for (Safety.Arm arm : s.arms()) {
			row("safety", s.category(), day, arm.name(), "n", arm.n());
			row("safety", s.category(), day, arm.name(), "events", arm.events());
		}
		row("safety", s.category(), day, "", "fisher-p", s.fisher().p());
		notes("safety", s.category(), day, "", Notes.safety(s));
	}

	private void notes(String section, String variable, String day, String arm, List<String> notes) {
		notes.forEach(note -> row(section, variable, day, arm, "note", note));
	}

	private void row(String section, String variable, String day, String arm, String statistic, Object value) {
		if (value == null) {
			return;
		}
		String text = value instanceof Double number ? Numbers.format(number) : value.toString();
		out.append(quote(section)).append(',').append(quote(variable)).append(',').append(quote(day)).append(',')
				.append(quote(arm)).append(',').append(quote(statistic)).append(',').append(quote(text)).append("\r\n");
	}

	static String quote(String text) {
		if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
			return text;
		}
		return '"' + text.replace("\"", "\"\"") + '"';
	}
}
