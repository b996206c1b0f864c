package org.trialfhir.analysis.report;

import java.util.Locale;

/** Escaping and number formats for the HTML report (XHTML: only the five XML entities, nothing named). */
public final class Html {

	private Html() {
	}

	public static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** A p-value: four decimals, or "&lt; 0.0001"; an en dash when absent. */
	public static String p(Double p) {
		if (p == null) {
			return "–";
		}
		return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
	}

	/** A number with at most {@code decimals} decimals, trailing zeros dropped; an en dash when absent. */
	public static String number(Double value, int decimals) {
		if (value == null) {
			return "–";
		}
		String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
		if (text.contains(".")) {
			text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
		}
		return text.equals("-0") ? "0" : text.replace('-', '−');
	}

	/** A proportion as a percentage with one decimal. */
	public static String percent(Double proportion) {
		return proportion == null ? "–" : number(proportion * 100, 1) + " %";
	}

	/** "estimate (lower to upper)", each formatted by {@code format}; an en dash when there is no estimate. */
	static String interval(Double estimate, Double lower, Double upper, java.util.function.Function<Double, String> format) {
		if (estimate == null) {
			return "–";
		}
		if (lower == null || upper == null) {
			return format.apply(estimate);
		}
		return format.apply(estimate) + " (" + format.apply(lower) + " to " + format.apply(upper) + ")";
	}

	/** SVG coordinates: two decimals, '.' as separator. */
	static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}
}
