package org.trialfhir.ingest.pull;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.ingest.pull.PullStatusExecutor.SourceStatus;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues.Issue;

/**
 * {@code $pull-status}'s answer: one {@code source} parameter per configured source with parts {@code name},
 * {@code result} ({@code completed}, {@code partial}, {@code failed} or {@code never-pulled}); for a pulled source
 * {@code started}, {@code finished}, the counts of {@code $pull} ({@code fetched} … {@code errors}) and its
 * {@code note}s; then {@code issues} (how many are recorded) and the newest few as {@code issue} parts
 * ({@code recorded}, {@code kind}, {@code subject}, {@code reference}, {@code reason}).
 */
final class PullStatusResponse {

	static final String NEVER_PULLED = "never-pulled";

	private PullStatusResponse() {}

	static Parameters render(List<SourceStatus> statuses) {
		Parameters parameters = new Parameters();
		for (SourceStatus status : statuses) {
			ParametersParameterComponent source = parameters.addParameter().setName("source");
			source.addPart().setName("name").setValue(new StringType(status.name()));
			status.lastRun().ifPresentOrElse(run -> {
				source.addPart().setName("result").setValue(new CodeType(run.result().code()));
				source.addPart().setName("started").setValue(new InstantType(Date.from(run.started())));
				source.addPart().setName("finished").setValue(new InstantType(Date.from(run.finished())));
				SourceReport counts = run.report();
				count(source, "fetched", counts.fetched());
				count(source, "created", counts.created());
				count(source, "updated", counts.updated());
				count(source, "unchanged", counts.unchanged());
				count(source, "rejected", counts.rejected());
				count(source, "errors", counts.errors());
				counts.notes().forEach(note -> source.addPart().setName("note").setValue(new StringType(note)));
			}, () -> source.addPart().setName("result").setValue(new CodeType(NEVER_PULLED)));
			count(source, "issues", status.issueCount());
			status.newestIssues().forEach(issue -> issue(source.addPart().setName("issue"), issue));
		}
		return parameters;
	}

	private static void issue(ParametersParameterComponent part, Issue issue) {
		part.addPart().setName("recorded").setValue(new InstantType(Date.from(issue.recorded())));
		part.addPart().setName("kind").setValue(new CodeType(issue.kind()));
		if (issue.researchSubjectId() != null) {
			part.addPart().setName("subject").setValue(new Reference("ResearchSubject/" + issue.researchSubjectId()));
		}
		if (issue.sourceReference() != null) {
			part.addPart().setName("reference").setValue(new StringType(issue.sourceReference()));
		}
		part.addPart().setName("reason").setValue(new StringType(issue.reason()));
	}

	private static void count(ParametersParameterComponent source, String name, int value) {
		source.addPart().setName(name).setValue(new IntegerType(value));
	}
}
