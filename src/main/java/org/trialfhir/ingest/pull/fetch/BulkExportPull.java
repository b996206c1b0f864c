package org.trialfhir.ingest.pull.fetch;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts;
import org.trialfhir.ingest.pull.bookkeeping.PullCursors;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.store.ObservationImport;
import org.trialfhir.ingest.pull.subjects.EnrolledSubject;
import org.trialfhir.ingest.pull.transport.BulkExportClient;
import org.trialfhir.ingest.pull.transport.PulledJson;
import org.trialfhir.ingest.pull.transport.SourceClient;
import org.trialfhir.ingest.pull.transport.SourceFailure;

/**
 * Pull by FHIR Bulk Data {@code $export} (Bulk Data Access IG v2): kick off a Patient- or Group-level export of
 * Observations modified since the subjects' oldest cursor, poll its status, download each NDJSON file (to a temporary
 * file, with retries), and store what belongs to the subjects. Only when every file is stored do the subjects'
 * cursors move to the export's transactionTime — not when the manifest lists error files (the source could not
 * export some resources, and an error file does not say whose they are) nor when our storage left a resource for the
 * next pull: the next pull then exports the same period again, and what was stored is found unchanged.
 */
@Component
class BulkExportPull {

	/** Resources stored per Provenance. */
	static final int BATCH = 200;
	/** What is kept of an error file's text in a note and an issue. */
	private static final int MAX_ERROR_TEXT = 500;

	private final BulkExportClient exports;
	private final ObservationImport importer;
	private final PullCursors cursors;
	private final PullIssues issues;

	BulkExportPull(BulkExportClient exports, ObservationImport importer, PullCursors cursors, PullIssues issues) {
		this.exports = exports;
		this.importer = importer;
		this.cursors = cursors;
		this.issues = issues;
	}

	/** @param subjects the subjects to pull, by the hospital's id of their patient */
	void pull(SourceClient client, Map<String, EnrolledSubject> subjects, PullCounts counts) {
		if (subjects.isEmpty()) {
			return;
		}
		EhrSource source = client.source();
		Optional<Instant> since = oldestCursor(source, subjects.values());
		BulkExportClient.Manifest manifest = exports.export(client, subjects.keySet(), since);
		boolean complete = true;
		for (BulkExportClient.Output output : manifest.outputs()) {
			if (!"Observation".equals(output.type())) {
				continue;
			}
			Path file = exports.download(client, output.url(), manifest.requiresAccessToken());
			try {
				complete &= store(client, file, output.url(), subjects, counts);
			} finally {
				deleteQuietly(file);
			}
		}
		for (String errorFile : manifest.errors()) {
			complete = false;
			recordErrorFile(client, errorFile, manifest.requiresAccessToken(), counts);
		}
		if (complete) {
			subjects.values().forEach(subject -> cursors.advance(source.name(), subject.researchSubjectId(), manifest.transactionTime()));
		}
		exports.delete(client, manifest.statusUrl());
	}

	/** An error file of the manifest: what it says, as an error of the run and a recorded issue. */
	private void recordErrorFile(SourceClient client, String url, boolean requiresAccessToken, PullCounts counts) {
		String says;
		try {
			Path file = exports.download(client, url, requiresAccessToken);
			try {
				says = diagnostics(client, file);
			} finally {
				deleteQuietly(file);
			}
		} catch (SourceFailure unreadable) {
			says = "(not readable: " + unreadable.getMessage() + ")";
		}
		counts.error("export error file " + url + ": " + says + " — the subjects' cursors stay, the next pull "
				+ "exports again");
		issues.record(client.source().name(), null, url, PullIssues.Kind.FAILED, "export error file: " + says);
	}

	/** The issues of an error file's OperationOutcomes, one line each, shortened. */
	private static String diagnostics(SourceClient client, Path file) {
		IParser parser = client.fhirContext().newJsonParser();
		List<String> said = new ArrayList<>();
		try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				try {
					parser.parseResource(OperationOutcome.class, line).getIssue().forEach(issue -> said.add(
							issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getCode().toCode()));
				} catch (DataFormatException notAnOutcome) {
					said.add(line);
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException("cannot read the downloaded error file " + file, e);
		}
		String text = String.join("; ", said);
		return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
	}

	/** @return false when a resource is left for the next pull (see {@link ObservationImport#importBatch}) */
	private boolean store(SourceClient client, Path file, String url, Map<String, EnrolledSubject> subjects,
			PullCounts counts) {
		EhrSource source = client.source();
		IParser parser = client.fhirContext().newJsonParser();
		Map<EnrolledSubject, List<IBaseResource>> batches = new LinkedHashMap<>();
		boolean complete = true;
		try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = lines.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				byte[] json = line.getBytes(StandardCharsets.UTF_8);
				Optional<String> unparsable = PulledJson.unparsable(json);
				Observation observation;
				try {
					if (unparsable.isPresent()) {
						throw new DataFormatException(unparsable.get()); // HAPI would exhaust the heap on it
					}
					observation = parser.parseResource(Observation.class, line);
				} catch (DataFormatException malformed) {
					counts.countFetched();
					counts.countError();
					issues.record(source.name(), null, url + "#line=" + number, PullIssues.Kind.MALFORMED,
							"not a parsable Observation: " + malformed.getMessage());
					continue;
				}
				PulledJson.refusal(json, client.fhirContext())
						.ifPresent(why -> observation.setUserData(PulledJson.REFUSAL, why));
				EnrolledSubject subject = subjects.get(observation.getSubject().getReferenceElement().getIdPart());
				if (subject == null) {
					continue; // a patient of the group or export who is not one of ours (or not this subject)
				}
				List<IBaseResource> batch = batches.computeIfAbsent(subject, s -> new ArrayList<>());
				batch.add(observation);
				if (batch.size() >= BATCH) {
					complete &= importer.importBatch(source, subject, List.copyOf(batch), counts);
					batch.clear();
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException("cannot read the downloaded export file " + file, e);
		}
		for (Map.Entry<EnrolledSubject, List<IBaseResource>> batch : batches.entrySet()) {
			complete &= importer.importBatch(source, batch.getKey(), batch.getValue(), counts);
		}
		return complete;
	}

	private Optional<Instant> oldestCursor(EhrSource source, Iterable<EnrolledSubject> subjects) {
		Instant oldest = null;
		for (EnrolledSubject subject : subjects) {
			Optional<Instant> cursor = cursors.get(source.name(), subject.researchSubjectId());
			if (cursor.isEmpty()) {
				return Optional.empty(); // a subject never pulled: export everything, filtered from T0 − 24 h
			}
			oldest = oldest == null || cursor.get().isBefore(oldest) ? cursor.get() : oldest;
		}
		return Optional.ofNullable(oldest);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException ignored) {
			// a temporary file
		}
	}
}
