package org.trialfhir.analysis.report;

import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.stats.KaplanMeierStep;
import org.trialfhir.stats.TimeToEvent;

/** Kaplan-Meier curves by arm to the mortality day, with a tick where a subject was censored before it. */
public final class SurvivalChart {

	private SurvivalChart() {
	}

	public static String render(Mortality m) {
		int day = m.day();
		SvgPlot plot = new SvgPlot("Kaplan-Meier survival by arm to day " + day, 0, day, 0, 1);
		plot.axes(ticks(day), List.of(0.0, 0.25, 0.5, 0.75, 1.0), "days from randomization (T0)",
				"survival probability", 2);
		for (int arm = 0; arm < m.curves().size(); arm++) {
			List<KaplanMeierStep> steps = m.curves().get(arm).steps();
			StringBuilder d = new StringBuilder("M").append(Html.coordinate(plot.x(0))).append(' ')
					.append(Html.coordinate(plot.y(1)));
			for (KaplanMeierStep step : steps) {
				d.append(" H").append(Html.coordinate(plot.x(step.time()))).append(" V")
						.append(Html.coordinate(plot.y(step.survival())));
			}
			d.append(" H").append(Html.coordinate(plot.x(day)));
			plot.path(arm, d.toString());
			for (TimeToEvent followUp : m.followUps().get(arm)) {
				if (!followUp.event() && followUp.time() < day) {
					double y = plot.y(survivalAt(steps, followUp.time()));
					double x = plot.x(followUp.time());
					plot.line(x, y - 5, x, y + 5, SvgPlot.COLOURS[arm], "");
				}
			}
		}
		return plot.legend(m.arms().stream().map(Mortality.ArmCount::name).toList()).end();
	}

	private static double survivalAt(List<KaplanMeierStep> steps, double time) {
		double survival = 1;
		for (KaplanMeierStep step : steps) {
			if (step.time() <= time) {
				survival = step.survival();
			}
		}
		return survival;
	}

	static List<Double> ticks(int day) {
		int step = day <= 10 ? 1 : day <= 35 ? 7 : 30;
		List<Double> ticks = new ArrayList<>();
		for (int t = 0; t <= day; t += step) {
			ticks.add((double) t);
		}
		return ticks;
	}
}
