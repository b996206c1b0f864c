package org.trialfhir.completeness;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code $completeness} as one printable HTML page: a subjects × study days heatmap (received of expected per cell,
 * coloured by the share received), the findings, the open data queries and the notes. Self-contained (inline CSS, no
 * script), so it can be saved, mailed or printed as it is.
 */
final class CompletenessHtml {

	private CompletenessHtml() {
	}

	private record Cell(String subject, int day) implements Comparable<Cell> {
		@Override
		public int compareTo(Cell other) {
			int bySubject = subject.compareTo(other.subject);
			return bySubject != 0 ? bySubject : Integer.compare(day, other.day);
		}
	}

	static String render(CompletenessReport report, Instant generated) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data completeness — ")
				.append(escape(report.target())).append("</title>\n<style>")
				.append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;"
						+ "margin:0.5em 0 1.5em}th,td{border:1px solid #bbb;padding:2px 6px;font-size:13px}"
						+ "td.c{text-align:center;min-width:3em}.full{background:#b7e1b7}.most{background:#f6e58d}"
						+ ".some{background:#f8b878}.none{background:#f08080}.na{background:#ddd;color:#4a4a4a}"
						+ ".due{background:#fff;color:#595959}@media print{body{margin:0}h2{page-break-before:auto}"
						+ "tr{page-break-inside:avoid}}")
				.append("</style></head><body>\n<h1>Data completeness: ").append(escape(report.target())).append("</h1>\n")
				.append("<p>As of ").append(report.asOf()).append(" · schedule: ")
				.append(escape(report.schedule() == null ? CompletenessReport.DEFAULT_SCHEDULE : report.schedule()))
				.append(" · generated ").append(generated).append("</p>\n");
		heatmap(report, html);
		findings(report, html);
		queries(report, html);
		if (!report.notes().isEmpty()) {
			html.append("<h2>Notes</h2><ul>");
			report.notes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
			html.append("</ul>\n");
		}
		return html.append("</body></html>\n").toString();
	}

	private static void heatmap(CompletenessReport report, StringBuilder html) {
		Set<String> subjects = new LinkedHashSet<>();
		report.rows().forEach(r -> subjects.add(r.subject()));
		Map<Cell, Tally> cells = Tally.by(report.rows(), r -> new Cell(r.subject(), r.day()));
		Map<Cell, Long> pending = new java.util.HashMap<>();
		report.rows().stream().filter(r -> r.status() == ItemStatus.NOT_YET_DUE || r.status() == ItemStatus.NOT_APPLICABLE)
				.forEach(r -> pending.merge(new Cell(r.subject(), r.day()), r.status() == ItemStatus.NOT_APPLICABLE
						? 1_000_000L : 1L, Long::sum));
		html.append("<h2>Received of expected, per subject and study day</h2>\n<table><tr><th>subject</th>");
		report.days().forEach(d -> html.append("<th>day ").append(d).append("</th>"));
		html.append("</tr>\n");
		for (String subject : subjects) {
			html.append("<tr><th>").append(escape(subject)).append("</th>");
			for (int day : report.days()) {
				Cell cell = new Cell(subject, day);
				Tally tally = cells.get(cell);
				if (tally == null) {
					Long other = pending.get(cell);
					String kind = other == null ? "due" : other >= 1_000_000L ? "na" : "due";
					String text = other == null ? "" : other >= 1_000_000L ? "n/a" : "not yet due";
					html.append("<td class=\"c ").append(kind).append("\">").append(text).append("</td>");
					continue;
				}
				double share = tally.expected() == 0 ? 1 : (double) tally.received() / tally.expected();
				String css = share >= 1 ? "full" : share >= 0.8 ? "most" : share > 0 ? "some" : "none";
				html.append("<td class=\"c ").append(css).append("\" title=\"").append(tally.percent()).append(" %\">")
						.append(tally.received()).append('/').append(tally.expected()).append("</td>");
			}
			html.append("</tr>\n");
		}
		html.append("</table>\n");
	}

	private static void findings(CompletenessReport report, StringBuilder html) {
		List<CompletenessRow> findings = report.rows().stream().filter(r -> r.status().finding()).toList();
		html.append("<h2>Findings (").append(findings.size()).append(")</h2>\n");
		if (findings.isEmpty()) {
			html.append("<p>None.</p>\n");
			return;
		}
		html.append("<table><tr><th>subject</th><th>day</th><th>item</th><th>status</th><th>about</th><th>detail</th></tr>\n");
		for (CompletenessRow r : findings) {
			html.append("<tr><td>").append(escape(r.subject())).append("</td><td>").append(r.day()).append("</td><td>")
					.append(escape(r.label())).append("<br><small>").append(escape(r.item())).append("</small></td><td>")
					.append(r.status().code()).append("</td><td>").append(escape(r.focus() == null ? "" : r.focus()))
					.append("</td><td>").append(escape(r.detail())).append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void queries(CompletenessReport report, StringBuilder html) {
		html.append("<h2>Open data queries (").append(report.queries().size()).append(")</h2>\n");
		if (report.queries().isEmpty()) {
			html.append("<p>None.</p>\n");
			return;
		}
		html.append("<table><tr><th>task</th><th>status</th><th>subject</th><th>about</th><th>question</th></tr>\n");
		for (OpenQuery q : report.queries()) {
			html.append("<tr><td>").append(escape(q.task())).append("</td><td>").append(escape(q.status()))
					.append("</td><td>").append(escape(q.subject())).append("</td><td>")
					.append(escape(q.focus() == null ? "" : q.focus())).append("</td><td>").append(escape(q.description()))
					.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
				.replace("'", "&#39;");
	}
}
