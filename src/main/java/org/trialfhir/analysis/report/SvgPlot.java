package org.trialfhir.analysis.report;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG plotting area with linear axes, drawn server-side for the HTML report: no script, no web font
 * (generic {@code sans-serif}). Arms are told apart by colour and by dash and marker shape, so a grey print still
 * separates them.
 */
public final class SvgPlot {

	public static final String[] COLOURS = {"#1f5fa8", "#c0392b"};
	static final String[] DASHES = {"", "6 3"};
	static final int WIDTH = 640;
	static final int HEIGHT = 300;
	private static final int LEFT = 60;
	private static final int RIGHT = 20;
	private static final int TOP = 16;
	private static final int BOTTOM = 72;

	private final StringBuilder svg = new StringBuilder();
	private final double xMin;
	private final double xMax;
	private final double yMin;
	private final double yMax;

	public SvgPlot(String title, double xMin, double xMax, double yMin, double yMax) {
		this.xMin = xMin;
		this.xMax = xMax;
		this.yMin = yMin;
		this.yMax = yMax == yMin ? yMin + 1 : yMax;
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
				.append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
				.append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\"><title>")
				.append(Html.escape(title)).append("</title>");
	}

	public double x(double value) {
		return LEFT + (value - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
	}

	public double y(double value) {
		return HEIGHT - BOTTOM - (value - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
	}

	/** Axes with grid lines at the given ticks and the axis titles. */
	public SvgPlot axes(List<Double> xTicks, List<Double> yTicks, String xTitle, String yTitle, int yDecimals) {
		for (double tick : yTicks) {
			line(LEFT, y(tick), WIDTH - RIGHT, y(tick), "#e3e3e3", "");
			text(LEFT - 6, y(tick) + 4, "end", Html.number(tick, yDecimals));
		}
		for (double tick : xTicks) {
			line(x(tick), HEIGHT - BOTTOM, x(tick), HEIGHT - BOTTOM + 4, "#555", "");
			text(x(tick), HEIGHT - BOTTOM + 15, "middle", Html.number(tick, 1));
		}
		line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#555", "");
		line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#555", "");
		text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - BOTTOM + 44, "middle", xTitle);
		svg.append("<text x=\"14\" y=\"").append(Html.coordinate((TOP + HEIGHT - BOTTOM) / 2.0))
				.append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
				.append(Html.coordinate((TOP + HEIGHT - BOTTOM) / 2.0)).append(")\">").append(Html.escape(yTitle))
				.append("</text>");
		return this;
	}

	/** The legend: one entry per arm below the axis title. */
	public SvgPlot legend(List<String> arms) {
		double at = LEFT;
		for (int arm = 0; arm < arms.size(); arm++) {
			line(at, HEIGHT - 12, at + 24, HEIGHT - 12, COLOURS[arm], DASHES[arm]);
			marker(arm, at + 12, HEIGHT - 12);
			text(at + 30, HEIGHT - 8, "start", arms.get(arm));
			at += 40 + 7 * arms.get(arm).length() + 30;
		}
		return this;
	}

	public void path(int arm, String d) {
		svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(COLOURS[arm])
				.append("\" stroke-width=\"2\"").append(dash(arm)).append("/>");
	}

	public void line(double x1, double y1, double x2, double y2, String colour, String dash) {
		svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"",
				x1, y1, x2, y2, colour));
		svg.append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>");
	}

	/** Arm 1: a filled circle; arm 2: a filled square. */
	public void marker(int arm, double cx, double cy) {
		if (arm == 0) {
			svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"%s\"/>", cx, cy,
					COLOURS[arm]));
		} else {
			svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"7\" height=\"7\" fill=\"%s\"/>",
					cx - 3.5, cy - 3.5, COLOURS[arm]));
		}
	}

	/** A line of small labels just below the tick labels (e.g. the day's p-value), with a title on the left. */
	void underTicks(String title, double x, String label) {
		double y = HEIGHT - BOTTOM + 28;
		if (title != null) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\" font-size=\"9\">",
					LEFT - 6, y)).append(Html.escape(title)).append("</text>");
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" font-size=\"9\">",
				x, y)).append(Html.escape(label)).append("</text>");
	}

	public void text(double x, double y, String anchor, String text) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\">", x, y, anchor))
				.append(Html.escape(text)).append("</text>");
	}

	public String end() {
		return svg.append("</svg>").toString();
	}

	private static String dash(int arm) {
		return DASHES[arm].isEmpty() ? "" : " stroke-dasharray=\"" + DASHES[arm] + "\"";
	}
}
