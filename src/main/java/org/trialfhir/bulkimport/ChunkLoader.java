package org.trialfhir.bulkimport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.derive.RederivationHold;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.ingest.push.KeyedTransactions;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.security.Grants;
import org.trialfhir.security.Interaction;
import org.trialfhir.server.JsonBodyScan;
import org.trialfhir.studyday.ObservationKeys;

/**
 * Loads one chunk of an import as one FHIR transaction, the way a client's {@code POST /fhir} transaction is
 * written: HAPI's system DAO (its keyed entries matched by {@link KeyedTransactions}) with a request that carries the RestfulServer's interceptor broadcaster (so the
 * storage hooks registered with the REST interceptors run: write validation, keyed bundle entries, the scope check of
 * each create), marked as sent on the job owner's behalf and run under the owner's token (so every rule for clients
 * applies: derived scores, AuditEvents, the blind). The JPA storage hooks (study day, re-derivation queue) see every
 * write anyway; the re-derivation of the patients written is held until the job ends ({@link RederivationHold}). The chunk's done mark and report are written in the same database transaction as its resources.
 *
 * <p>Each line becomes a {@code PUT Type/id}, or for an Observation without id a conditional {@code PUT} on its trial
 * identifier: loading a chunk again (after a crash, or a second import of the same file) creates no duplicate. A
 * line that cannot be written (not FHIR, another type than its input's, a type the owner may not write, no id nor
 * key) is reported with its line number. If the transaction is refused, its lines are written one transaction each,
 * so that the refused ones are reported with HAPI's OperationOutcome (the validator's element paths) and the rest
 * loads.
 */
@Component
class ChunkLoader {

	/** A line that will be written: its resource and the URL of its PUT. */
	record Entry(NdjsonLine line, Resource resource, String url) {}

	private final FhirContext fhirContext;
	private final KeyedTransactions transactionWriter;
	private final ObjectProvider<RestfulServer> restfulServer;
	private final TransactionTemplate transactions;
	private final ImportJobStore store;

	ChunkLoader(FhirContext fhirContext, KeyedTransactions transactionWriter,
			ObjectProvider<RestfulServer> restfulServer, PlatformTransactionManager transactionManager,
			ImportJobStore store) {
		this.fhirContext = fhirContext;
		this.transactionWriter = transactionWriter;
		this.restfulServer = restfulServer; // the server's bean lists our operation provider: looked up when used
		this.transactions = new TransactionTemplate(transactionManager);
		this.store = store;
	}

	/**
	 * A chunk parsed and checked, ready to be written: its entries (one per PUT URL, the later line of a resource
	 * winning) and the report of the lines refused so far.
	 */
	record Prepared(ImportJobStore.Job job, ImportJobStore.Chunk chunk, ChunkReport report, List<Entry> entries) {

		/**
		 * The resources it writes, by PUT URL and, for an Observation, also by trial identifier (a line with an id
		 * and one with the same identifier are the same resource): two chunks sharing one must be written in order.
		 */
		Set<String> writes() {
			Set<String> keys = new HashSet<>();
			for (Entry entry : entries) {
				keys.add(entry.url());
				if (entry.resource() instanceof Observation observation) {
					ObservationKeys.keyOf(observation).map(ObservationKeys::matchUrl).ifPresent(keys::add);
				}
			}
			return keys;
		}

		/**
		 * The one type of its resources when it is clinical data (no set-up type that others refer to, see
		 * {@link NdjsonLine#loadRank}), else empty: only chunks of one such type may be written side by side.
		 */
		Optional<String> soleClinicalType() {
			Set<String> types = new HashSet<>();
			entries.forEach(entry -> types.add(entry.resource().fhirType()));
			if (types.size() != 1) {
				return Optional.empty();
			}
			String type = types.iterator().next();
			return NdjsonLine.isSetUp(type) ? Optional.empty() : Optional.of(type);
		}
	}

	/** Loads the chunk and marks it done; a failure of our own (5xx) is thrown, and the chunk stays to do. */
	ChunkReport load(ImportJobStore.Job job, ImportJobStore.Chunk chunk) {
		return write(prepare(job, chunk));
	}

	/** Parses and checks the chunk's lines under the owner's scopes; nothing is written. */
	Prepared prepare(ImportJobStore.Job job, ImportJobStore.Chunk chunk) {
		CurrentToken owner = owner(job);
		return owner.callAs(() -> {
			ChunkReport report = new ChunkReport(chunk.seq(), chunk.source());
			Map<String, Entry> entries = new LinkedHashMap<>(); // by PUT url: a later line of the same resource wins
			for (NdjsonLine line : chunk.lines()) {
				entryOf(line, chunk.declaredType(), owner.grants(), report).ifPresent(entry -> {
					entries.remove(entry.url());
					entries.put(entry.url(), entry);
				});
			}
			return new Prepared(job, chunk, report, List.copyOf(entries.values()));
		});
	}

	/** Writes a prepared chunk and marks it done, as the job's owner; a failure of our own (5xx) is thrown. */
	ChunkReport write(Prepared prepared) {
		return owner(prepared.job()).callAs(() -> writeAsOwner(prepared.chunk(), prepared.report(), prepared.entries()));
	}

	private static CurrentToken owner(ImportJobStore.Job job) {
		return new CurrentToken(job.ownerClient(), job.ownerUser(), Grants.of(job.ownerScopes()));
	}

	private ChunkReport writeAsOwner(ImportJobStore.Chunk chunk, ChunkReport report, List<Entry> toWrite) {
		if (toWrite.isEmpty()) {
			transactions.executeWithoutResult(status -> store.markDone(chunk.jobId(), chunk.seq(), report.toJson()));
			return report;
		}
		try {
			transaction(toWrite, response -> {
				for (int i = 0; i < toWrite.size(); i++) {
					report.written(toWrite.get(i).resource().fhirType(), response.getEntry().get(i));
				}
				store.markDone(chunk.jobId(), chunk.seq(), report.toJson());
			});
			return report;
		} catch (RuntimeException refused) {
			if (!refusedInput(refused)) {
				throw refused;
			}
		}
		// one line refused the whole transaction: write them one by one to find which, and load the others
		ChunkReport lineByLine = report.withoutWrites();
		for (Entry entry : toWrite) {
			try {
				lineByLine.written(entry.resource().fhirType(), transaction(List.of(entry), response -> {}).getEntry().get(0));
			} catch (RuntimeException refused) {
				if (!refusedInput(refused)) {
					throw refused; // the chunk stays to do: its lines are written again, which changes nothing
				}
				lineByLine.error(entry.line().number(), entry.resource().fhirType(), outcomeOf(refused));
			}
		}
		transactions.executeWithoutResult(status -> store.markDone(chunk.jobId(), chunk.seq(), lineByLine.toJson()));
		return lineByLine;
	}

	/** One FHIR transaction of the entries; {@code inTransaction} runs in its database transaction, at its end. */
	private Bundle transaction(List<Entry> entries, java.util.function.Consumer<Bundle> inTransaction) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Entry entry : entries) {
			bundle.addEntry().setResource(entry.resource()).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(entry.url());
		}
		SystemRequestDetails request = ClientRequests.onBehalfOfClient(
				new SystemRequestDetails(restfulServer.getObject().getInterceptorService()));
		ChunkCommit.inTransaction(request, inTransaction);
		RederivationHold.hold(request); // released when the job ends: each patient derived once, from all its data
		return transactionWriter.transaction(request, bundle);
	}

	private Optional<Entry> entryOf(NdjsonLine line, String declaredType, Grants grants, ChunkReport report) {
		IBaseResource parsed;
		try {
			byte[] json = line.text().getBytes(StandardCharsets.UTF_8);
			JsonBodyScan.check(json);
			IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
			parsed = parser.parseResource(line.text());
		} catch (TrialFhirException invalid) {
			report.error(line.number(), line.type(), OperationOutcomes.of(invalid));
			return Optional.empty();
		} catch (DataFormatException | ClassCastException invalid) {
			report.error(line.number(), line.type(), invalid("line", "not a valid FHIR R4 JSON resource (unknown "
					+ "elements and invalid values are refused, not dropped): " + invalid.getMessage()));
			return Optional.empty();
		}
		String type = parsed.fhirType();
		if (declaredType != null && !declaredType.equals(type)) {
			report.error(line.number(), type, invalid(type + ".resourceType", "a " + type + " in the input of type "
					+ declaredType));
			return Optional.empty();
		}
		if (!(parsed instanceof Resource resource) || type.equals("Bundle") || type.equals("Parameters")) {
			report.error(line.number(), type, invalid(type, "a " + type + " cannot be imported; each line is one "
					+ "resource to store"));
			return Optional.empty();
		}
		if (!grants.allows(type, Interaction.CREATE) || !grants.allows(type, Interaction.UPDATE)) {
			report.error(line.number(), type, issue(OperationOutcome.IssueType.FORBIDDEN, type, "the token that "
					+ "started the import may not create and update " + type));
			return Optional.empty();
		}
		if (resource.getIdElement().hasIdPart()) {
			return Optional.of(new Entry(line, resource, type + "/" + resource.getIdElement().getIdPart()));
		}
		Optional<String> keyed = resource instanceof Observation observation
				? ObservationKeys.keyOf(observation).map(ObservationKeys::matchUrl)
				: Optional.empty();
		if (keyed.isEmpty()) {
			report.error(line.number(), type, invalid(type + ".id", "an imported resource needs an id (or, for an "
					+ "Observation, an identifier with system and value), so that importing it again creates no "
					+ "duplicate"));
			return Optional.empty();
		}
		return Optional.of(new Entry(line, resource, keyed.get()));
	}

	/** Refused for what the input says (4xx), not failed for a fault of ours. */
	private static boolean refusedInput(RuntimeException failure) {
		Optional<TrialFhirException> domain = TrialFhirException.behind(failure);
		if (domain.isPresent()) {
			return OperationOutcomes.status(domain.get()) < 500;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BaseServerResponseException response) {
				return response.getStatusCode() < 500;
			}
		}
		return false;
	}

	private static OperationOutcome outcomeOf(RuntimeException refused) {
		Optional<TrialFhirException> domain = TrialFhirException.behind(refused);
		if (domain.isPresent()) {
			return OperationOutcomes.of(domain.get());
		}
		for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
			if (cause instanceof BaseServerResponseException response) {
				IBaseOperationOutcome outcome = response.getOperationOutcome();
				if (outcome instanceof OperationOutcome r4) {
					return r4;
				}
				return issue(OperationOutcome.IssueType.PROCESSING, null, response.getMessage());
			}
		}
		return issue(OperationOutcome.IssueType.PROCESSING, null, refused.getMessage());
	}

	private static OperationOutcome invalid(String location, String message) {
		return issue(OperationOutcome.IssueType.INVALID, location, message);
	}

	private static OperationOutcome issue(OperationOutcome.IssueType code, String location, String message) {
		OperationOutcome outcome = new OperationOutcome();
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
		if (location != null) {
			issue.addExpression(location);
		}
		return outcome;
	}
}
