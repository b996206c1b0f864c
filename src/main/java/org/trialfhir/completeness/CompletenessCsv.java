package org.trialfhir.completeness;

/**
 * {@code $completeness} as CSV (RFC 4180, CRLF): the header {@value #HEADER}, one row per subject × day × expected
 * item and one per finding. {@code detail} carries the Observation of a received item (or what the finding is about)
 * and the why.
 */
final class CompletenessCsv {

	static final String HEADER = "subject,day,item,status,detail";

	private CompletenessCsv() {
	}

	static String render(CompletenessReport report) {
		StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
		for (CompletenessRow row : report.rows()) {
			String detail = row.focus() == null ? row.detail()
					: row.detail().isEmpty() ? row.focus() : row.focus() + ": " + row.detail();
			csv.append(field(row.subject())).append(',').append(row.day()).append(',').append(field(row.item()))
					.append(',').append(row.status().code()).append(',').append(field(detail)).append("\r\n");
		}
		return csv.toString();
	}

	/** Quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
	static String field(String value) {
		String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}
}
