package org.trialfhir.completeness;

import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $completeness} as Parameters (docs/api.md §5.10): the target, as-of and schedule; a {@code day-summary} per
 * study day and a {@code variable-summary} per expected item (expected, received, percent); then each {@code finding}
 * (missing, implausible, score-partial, score-indeterminate), each open {@code query}, each {@code note}.
 */
final class CompletenessParameters {

	private CompletenessParameters() {
	}

	static Parameters render(CompletenessReport report) {
		Parameters p = new Parameters();
		p.addParameter().setName("target").setValue(new Reference(report.target()));
		p.addParameter().setName("as-of").setValue(new DateTimeType(Date.from(report.asOf())));
		if (report.schedule() != null) {
			p.addParameter().setName("schedule").setValue(new Reference(report.schedule()));
		}
		Map<Integer, Tally> byDay = Tally.by(report.rows(), CompletenessRow::day);
		for (int day : report.days()) {
			ParametersParameterComponent summary = p.addParameter().setName("day-summary");
			summary.addPart().setName("day").setValue(new IntegerType(day));
			tally(summary, byDay.getOrDefault(day, new Tally(0, 0)));
		}
		Map<String, Tally> byItem = Tally.by(report.rows(), CompletenessRow::item);
		for (ExpectedItem item : report.items()) {
			ParametersParameterComponent summary = p.addParameter().setName("variable-summary");
			summary.addPart().setName("item").setValue(new StringType(item.key()));
			summary.addPart().setName("label").setValue(new StringType(item.label()));
			tally(summary, byItem.getOrDefault(item.key(), new Tally(0, 0)));
		}
		for (CompletenessRow row : report.rows()) {
			if (!row.status().finding()) {
				continue;
			}
			ParametersParameterComponent finding = p.addParameter().setName("finding");
			finding.addPart().setName("subject").setValue(new Reference("ResearchSubject/" + row.subject()));
			finding.addPart().setName("day").setValue(new IntegerType(row.day()));
			finding.addPart().setName("item").setValue(new StringType(row.item()));
			finding.addPart().setName("label").setValue(new StringType(row.label()));
			finding.addPart().setName("status").setValue(new CodeType(row.status().code()));
			if (row.focus() != null) {
				finding.addPart().setName("focus").setValue(new Reference(row.focus()));
			}
			if (!row.detail().isEmpty()) {
				finding.addPart().setName("detail").setValue(new StringType(row.detail()));
			}
		}
		for (OpenQuery query : report.queries()) {
			ParametersParameterComponent open = p.addParameter().setName("query");
			open.addPart().setName("task").setValue(new Reference(query.task()));
			open.addPart().setName("status").setValue(new CodeType(query.status()));
			open.addPart().setName("subject").setValue(new Reference("ResearchSubject/" + query.subject()));
			if (query.focus() != null) {
				open.addPart().setName("focus").setValue(new Reference(query.focus()));
			}
			if (!query.description().isEmpty()) {
				open.addPart().setName("description").setValue(new StringType(query.description()));
			}
		}
		if (report.schedule() == null) {
			p.addParameter().setName("note").setValue(new StringType("schedule: " + CompletenessReport.DEFAULT_SCHEDULE));
		}
		report.notes().forEach(note -> p.addParameter().setName("note").setValue(new StringType(note)));
		return p;
	}

	private static void tally(ParametersParameterComponent summary, Tally tally) {
		summary.addPart().setName("expected").setValue(new IntegerType(tally.expected()));
		summary.addPart().setName("received").setValue(new IntegerType(tally.received()));
		if (tally.percent() != null) {
			summary.addPart().setName("percent").setValue(new DecimalType(tally.percent()));
		}
	}
}
