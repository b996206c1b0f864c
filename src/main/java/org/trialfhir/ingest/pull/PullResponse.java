package org.trialfhir.ingest.pull;

import java.util.List;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;

/**
 * {@code $pull}'s answer: one {@code source} parameter per source with parts {@code name}, {@code fetched},
 * {@code created}, {@code updated}, {@code unchanged}, {@code rejected}, {@code errors} and any {@code note}.
 */
final class PullResponse {

	private PullResponse() {}

	static Parameters render(List<SourceReport> reports) {
		Parameters parameters = new Parameters();
		for (SourceReport report : reports) {
			ParametersParameterComponent source = parameters.addParameter().setName("source");
			source.addPart().setName("name").setValue(new StringType(report.source()));
			count(source, "fetched", report.fetched());
			count(source, "created", report.created());
			count(source, "updated", report.updated());
			count(source, "unchanged", report.unchanged());
			count(source, "rejected", report.rejected());
			count(source, "errors", report.errors());
			report.notes().forEach(note -> source.addPart().setName("note").setValue(new StringType(note)));
		}
		return parameters;
	}

	private static void count(ParametersParameterComponent source, String name, int value) {
		source.addPart().setName(name).setValue(new IntegerType(value));
	}
}
