package org.trialfhir.ingest.pull.store;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts;
import org.trialfhir.ingest.pull.bookkeeping.PullIssues;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.subjects.EnrolledSubject;
import org.trialfhir.ingest.pull.transport.PullInterruptedException;
import org.trialfhir.ingest.pull.transport.PulledJson;
import org.trialfhir.ingest.push.ObservationUpsert;
import org.trialfhir.studyday.StudyDayExtension;

/**
 * Stores a batch of a source's Observations for one subject: checks each (malformed → recorded and skipped; unit not
 * accepted → recorded as rejected), stores our copy idempotently, and writes one Provenance naming the source for
 * what the batch created or changed. A failure of our own storage is not caught: the batch stops, so the cursor
 * does not pass what was not stored. A version conflict (409) or failed precondition (412) of our storage is
 * transient — another write held the resource — so it is retried; one that outlasts the retries leaves the resource
 * for the next pull, and the caller keeps the cursor before it.
 */
@Component
public class ObservationImport {

	/** Attempts at storing one resource that meets a version conflict; HAPI retries a 409 itself within each. */
	private static final int CONFLICT_ATTEMPTS = 3;
	private static final Duration CONFLICT_PAUSE = Duration.ofMillis(250);

	private final ObservationUpsert upsert;
	private final UnitAcceptance units;
	private final PullIssues issues;
	private final PullProvenance provenance;
	private final PendingCopies pendingCopies;

	ObservationImport(ObservationUpsert upsert, UnitAcceptance units, PullIssues issues, PullProvenance provenance,
			PendingCopies pendingCopies) {
		this.upsert = upsert;
		this.pendingCopies = pendingCopies;
		this.units = units;
		this.issues = issues;
		this.provenance = provenance;
	}

	/**
	 * @return false when a resource of the batch is left for the next pull (our storage kept answering it with a
	 *         conflict): the caller must not move the cursor past this batch
	 */
	public boolean importBatch(EhrSource source, EnrolledSubject subject, List<? extends IBaseResource> batch,
			PullCounts counts) {
		List<Reference> changed = new ArrayList<>();
		boolean complete = true;
		for (IBaseResource resource : batch) {
			try {
				importOne(source, subject, resource, counts).ifPresent(changed::add);
			} catch (StillConflicting conflict) {
				complete = false;
				String reason = "left for the next pull: our storage answered " + conflict.status + " "
						+ CONFLICT_ATTEMPTS + " times (" + conflict.getMessage() + ")";
				counts.error("ResearchSubject/" + subject.researchSubjectId() + ": " + conflict.reference + " "
						+ reason);
				issues.record(source.name(), subject.researchSubjectId(), conflict.reference, PullIssues.Kind.FAILED,
						reason);
			}
		}
		provenance.record(source, changed);
		return complete;
	}

	private Optional<Reference> importOne(EhrSource source, EnrolledSubject subject, IBaseResource resource,
			PullCounts counts) {
		String reference = resource.getIdElement().hasIdPart()
				? source.base() + "/" + resource.getIdElement().toUnqualified().getValue()
				: null;
		if (!(resource instanceof Observation observation) || reference == null) {
			counts.countFetched();
			return malformed(source, subject, reference, "not an Observation with an id", counts);
		}
		Optional<Coding> code = observation.getCode().getCoding().stream().filter(units::followed).findFirst();
		Optional<Instant> effective = StudyDayExtension.effectiveTime(observation);
		if (code.isEmpty() || effective.isPresent() && effective.get().isBefore(subject.pullFrom())) {
			return Optional.empty(); // outside the trial's scope: not ours to count
		}
		counts.countFetched();
		Optional<String> defect = defect(observation, effective);
		if (defect.isPresent()) {
			return malformed(source, subject, reference, defect.get(), counts);
		}
		if (observation.getValue() instanceof Quantity quantity) {
			Optional<String> rejection = units.rejection(code.get(), quantity);
			if (rejection.isPresent()) {
				counts.countRejected();
				issues.record(source.name(), subject.researchSubjectId(), reference, PullIssues.Kind.REJECTED,
						rejection.get());
				return Optional.empty();
			}
		}
		Observation copy = PulledObservation.of(observation, source, observation.getIdElement().getIdPart(),
				subject.patientReference());
		ObservationUpsert.Result stored;
		try {
			stored = upsertRetryingConflicts(source, copy, reference);
		} catch (BaseServerResponseException refused) {
			// HAPI's transaction wraps what a JPA-level rule (NumberRule, KeyedSubjectGuard) throws in a 500
			int index = ExceptionUtils.indexOfType(refused, TrialFhirException.class);
			if (index >= 0 && ExceptionUtils.getThrowableList(refused).get(index) instanceof TrialFhirException rule
					&& OperationOutcomes.status(rule) < 500) {
				return refused(source, subject, reference, rule.getMessage(), counts);
			}
			if (refused.getStatusCode() >= 500) {
				throw refused; // our server failed: stop here, the cursor stays before this resource
			}
			return refused(source, subject, reference, refused.getMessage(), counts);
		} catch (TrialFhirException refused) {
			return refused(source, subject, reference, refused.getMessage(), counts);
		}
		return switch (stored.outcome()) {
			case CREATED -> {
				counts.countCreated();
				yield Optional.of(new Reference(stored.id()));
			}
			case UPDATED -> {
				counts.countUpdated();
				yield Optional.of(new Reference(stored.id()));
			}
			case UNCHANGED -> {
				counts.countUnchanged();
				yield Optional.empty();
			}
		};
	}

	private ObservationUpsert.Result upsertRetryingConflicts(EhrSource source, Observation copy, String reference) {
		for (int attempt = 1;; attempt++) {
			try {
				// a fresh copy: a failed attempt may have written into it
				return source.adjudication() == EhrSource.Adjudication.REQUIRED
						? pendingCopies.store(copy.copy())
						: upsert.upsert(copy.copy());
			} catch (BaseServerResponseException failure) {
				boolean conflict = failure.getStatusCode() == 409 || failure.getStatusCode() == 412;
				if (!conflict) {
					throw failure;
				}
				if (attempt == CONFLICT_ATTEMPTS) {
					throw new StillConflicting(reference, failure);
				}
				pause(CONFLICT_PAUSE.multipliedBy(attempt));
			}
		}
	}

	private static void pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PullInterruptedException();
		}
	}

	/** A resource our storage still answered with a conflict after the last attempt. */
	private static final class StillConflicting extends RuntimeException {

		final String reference;
		final int status;

		StillConflicting(String reference, BaseServerResponseException last) {
			super(last.getMessage(), last);
			this.reference = reference;
			this.status = last.getStatusCode();
		}
	}

	private static Optional<String> defect(Observation observation, Optional<Instant> effective) {
		if (observation.getUserData(PulledJson.REFUSAL) instanceof String refusal) {
			return Optional.of(refusal); // a push of it would be refused: what the hospital sent must not be lost
		}
		if (observation.getStatus() == null) {
			return Optional.of("no status");
		}
		if (effective.isEmpty()) {
			return Optional.of("no effectiveDateTime, effectiveInstant or effectivePeriod");
		}
		if (observation.getValue() instanceof Quantity quantity && quantity.getValue() == null) {
			return Optional.of("valueQuantity without a value");
		}
		if (!observation.hasValue() && !observation.hasDataAbsentReason() && !observation.hasComponent()) {
			return Optional.of("neither a value nor a dataAbsentReason");
		}
		return Optional.empty();
	}

	private Optional<Reference> refused(EhrSource source, EnrolledSubject subject, String reference, String why,
			PullCounts counts) {
		counts.countError();
		issues.record(source.name(), subject.researchSubjectId(), reference, PullIssues.Kind.REFUSED, why);
		return Optional.empty();
	}

	private Optional<Reference> malformed(EhrSource source, EnrolledSubject subject, String reference, String why,
			PullCounts counts) {
		counts.countError();
		issues.record(source.name(), subject.researchSubjectId(), reference, PullIssues.Kind.MALFORMED, why);
		return Optional.empty();
	}
}
