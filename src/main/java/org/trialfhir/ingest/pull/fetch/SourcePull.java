package org.trialfhir.ingest.pull.fetch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.subjects.EnrolledSubject;
import org.trialfhir.ingest.pull.transport.PullInterruptedException;
import org.trialfhir.ingest.pull.transport.SourceClient;
import org.trialfhir.ingest.pull.transport.SourceClients;
import org.trialfhir.ingest.pull.transport.SourceFailure;

/**
 * One pull of one source for some subjects: find each subject's patient at the hospital by MRN, then fetch in the
 * source's mode. A subject the source cannot serve (unreachable after retries, malformed pages, an ambiguous MRN) is
 * recorded and the next one is tried; a failure of our own storage stops the run.
 */
@Component
public class SourcePull {

	private final SourceClients clients;
	private final SearchPull search;
	private final BulkExportPull bulk;
	private final PullIssues issues;

	SourcePull(SourceClients clients, SearchPull search, BulkExportPull bulk, PullIssues issues) {
		this.clients = clients;
		this.search = search;
		this.bulk = bulk;
		this.issues = issues;
	}

	/** @param subjects subjects whose Patient has an MRN of the source's system */
	public PullCounts run(EhrSource source, List<EnrolledSubject> subjects) {
		PullCounts counts = new PullCounts(source.name());
		SourceClient client = clients.of(source);
		try {
			switch (source.mode()) {
				case SEARCH -> forEachPatient(client, subjects, counts,
						(subject, patientId) -> search.pull(client, subject, patientId, counts));
				case BULK_EXPORT -> {
					Map<String, EnrolledSubject> byPatient = new LinkedHashMap<>();
					forEachPatient(client, subjects, counts, (subject, patientId) -> byPatient.put(patientId, subject));
					bulk.pull(client, byPatient, counts);
				}
			}
		} catch (SourceFailure failure) {
			failed(counts, null, failure.getMessage());
		} catch (PullInterruptedException interrupted) {
			counts.error("interrupted; the next pull resumes from the stored cursors");
		} catch (RuntimeException ownFailure) {
			failed(counts, null, "stopped by a failure of this server: " + ownFailure);
		}
		return counts;
	}

	/** Runs the action for each subject whose patient the source knows; failures of one subject are recorded. */
	private void forEachPatient(SourceClient client, List<EnrolledSubject> subjects, PullCounts counts,
			BiConsumer<EnrolledSubject, String> action) {
		for (EnrolledSubject subject : subjects) {
			try {
				hospitalPatient(client, subject, counts).ifPresent(patientId -> action.accept(subject, patientId));
			} catch (SourceFailure failure) {
				failed(counts, subject, failure.getMessage());
			}
		}
	}

	private Optional<String> hospitalPatient(SourceClient client, EnrolledSubject subject, PullCounts counts) {
		String mrn = subject.mrn(client.source().patientIdentifierSystem()).orElseThrow();
		List<String> ids = SearchPull.patientIds(client, mrn);
		if (ids.isEmpty()) {
			counts.note("ResearchSubject/" + subject.researchSubjectId() + ": no patient with this MRN at the source");
			return Optional.empty();
		}
		if (ids.size() > 1) {
			failed(counts, subject, "the MRN matches " + ids.size() + " patients at the source: " + ids);
			return Optional.empty();
		}
		return Optional.of(ids.get(0));
	}

	private void failed(PullCounts counts, EnrolledSubject subject, String reason) {
		String who = subject == null ? "" : "ResearchSubject/" + subject.researchSubjectId() + ": ";
		counts.error(who + reason);
		issues.record(counts.source(), subject == null ? null : subject.researchSubjectId(), null,
				PullIssues.Kind.FAILED, reason);
	}
}
