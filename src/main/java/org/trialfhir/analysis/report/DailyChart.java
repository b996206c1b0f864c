package org.trialfhir.analysis.report;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.Comparison;
import org.trialfhir.stats.Summary;

/**
 * One variable by study day: per arm the median (marker, joined by a line) and the interquartile range (a vertical
 * bar), the arms side by side; the rank-sum p-value of each day under its label.
 */
final class DailyChart {

	private static final double OFFSET = 0.12;

	private DailyChart() {
	}

	static String render(AnalysisVariable variable, List<Comparison> days, List<String> arms) {
		double low = Double.POSITIVE_INFINITY;
		double high = Double.NEGATIVE_INFINITY;
		for (Comparison c : days) {
			for (Summary s : List.of(c.arm1(), c.arm2())) {
				if (s.median() != null) {
					low = Math.min(low, s.q1());
					high = Math.max(high, s.q3());
				}
			}
		}
		if (low > high) {
			low = 0;
			high = 1;
		}
		double pad = Math.max((high - low) * 0.08, 0.5);
		int first = days.get(0).day();
		int last = days.get(days.size() - 1).day();
		SvgPlot plot = new SvgPlot(variable.label() + ": median and interquartile range by day", first - 0.5,
				last + 0.5, Math.max(0, low - pad), high + pad);
		List<Double> xTicks = days.stream().map(c -> (double) c.day()).toList();
		plot.axes(xTicks, yTicks(Math.max(0, low - pad), high + pad), "study day", variable.label(), 1);
		for (int arm = 0; arm < 2; arm++) {
			double offset = arm == 0 ? -OFFSET : OFFSET;
			StringBuilder line = new StringBuilder();
			for (Comparison c : days) {
				Summary s = arm == 0 ? c.arm1() : c.arm2();
				if (s.median() == null) {
					continue;
				}
				double x = plot.x(c.day() + offset);
				plot.line(x, plot.y(s.q1()), x, plot.y(s.q3()), SvgPlot.COLOURS[arm], "");
				plot.line(x - 4, plot.y(s.q1()), x + 4, plot.y(s.q1()), SvgPlot.COLOURS[arm], "");
				plot.line(x - 4, plot.y(s.q3()), x + 4, plot.y(s.q3()), SvgPlot.COLOURS[arm], "");
				line.append(line.length() == 0 ? "M" : " L").append(Html.coordinate(x)).append(' ')
						.append(Html.coordinate(plot.y(s.median())));
			}
			if (line.length() > 0) {
				plot.path(arm, line.toString());
			}
			for (Comparison c : days) {
				Summary s = arm == 0 ? c.arm1() : c.arm2();
				if (s.median() != null) {
					plot.marker(arm, plot.x(c.day() + offset), plot.y(s.median()));
				}
			}
		}
		boolean firstDay = true;
		for (Comparison c : days) {
			plot.underTicks(firstDay ? "p" : null, plot.x(c.day()), Html.p(c.test().p()));
			firstDay = false;
		}
		return plot.legend(arms).end();
	}

	private static List<Double> yTicks(double low, double high) {
		double span = high - low;
		double raw = span / 6;
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		double fraction = raw / magnitude;
		double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
		List<Double> ticks = new ArrayList<>();
		for (double t = Math.ceil(low / step) * step; t <= high + 1e-9; t += step) {
			ticks.add(t);
		}
		return ticks;
	}
}
