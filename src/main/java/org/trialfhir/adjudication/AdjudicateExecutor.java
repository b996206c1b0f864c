package org.trialfhir.adjudication;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.CurrentToken;

/**
 * Runs {@code $adjudicate}: each pending value becomes a new version — accepted: {@code final}, tag {@code accepted};
 * rejected: {@code entered-in-error}, tag {@code rejected}, the reason as a note — with the pending tag removed (the
 * update replaces the tags, HAPI would carry it forward otherwise), and an AuditEvent naming who decided what and why.
 * A bulk call decides all its values or none (one database transaction). The write is the server's own, so it passes
 * the guard that keeps clients from deciding by a plain update ({@link AdjudicationGuard}); like every write it
 * queues the patient's re-derivation.
 */
@Component
class AdjudicateExecutor {

	/** One decided value: its new version and the decision. */
	record Decided(String version, AdjudicateRequest.Decision decision) {}

	private final IFhirResourceDao<Observation> observations;
	private final IFhirResourceDao<ResearchSubject> subjects;
	private final AdjudicationAudit audit;
	private final TransactionTemplate transaction;

	AdjudicateExecutor(DaoRegistry daos, AdjudicationAudit audit, PlatformTransactionManager transactionManager) {
		this.observations = daos.getResourceDao(Observation.class);
		this.subjects = daos.getResourceDao(ResearchSubject.class);
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	List<Decided> decide(String observationId, AdjudicateRequest request) {
		return transaction.execute(status -> List.of(decide(read(observations, "Observation", observationId), request)));
	}

	List<Decided> decide(String subjectId, List<String> observationIds, AdjudicateRequest request) {
		return transaction.execute(status -> {
			ResearchSubject subject = read(subjects, "ResearchSubject", subjectId);
			String patient = subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue();
			return observationIds.stream().map(id -> {
				Observation value = read(observations, "Observation", id);
				String of = value.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
				if (patient == null || !patient.equals(of)) {
					throw TrialFhirException.unprocessable("Observation/" + id + " is not a value of ResearchSubject/"
							+ subjectId + ": its subject is " + of + ", the subject's patient " + patient);
				}
				return decide(value, request);
			}).toList();
		});
	}

	private Decided decide(Observation pending, AdjudicateRequest request) {
		String id = pending.getIdElement().toUnqualifiedVersionless().getValue();
		String state = AdjudicationTags.stateOf(pending).orElse(null);
		if (!AdjudicationTags.PENDING.equals(state)) {
			throw new TrialFhirException(TrialFhirException.Kind.CONFLICT, id + " is not pending adjudication: "
					+ (state == null ? "it was not held for adjudication (only values pulled from a source with "
							+ "adjudication: required are)"
							: "it was " + state + " in version " + pending.getIdElement().getVersionIdPart()
									+ "; a decision stands until the source sends a new version"));
		}
		Observation decided = pending.copy();
		decided.setStatus(request.decision().status);
		AdjudicationTags.mark(decided, request.decision().tag);
		if (request.reason() != null) {
			decided.addNote(new Annotation().setTime(new Date()).setAuthor(new StringType(decider()))
					.setText((request.decision() == AdjudicateRequest.Decision.ACCEPT ? "Accepted" : "Rejected")
							+ " in adjudication: " + request.reason()));
		}
		// the read version's id: HAPI refuses the update if another decision came first (409)
		IdType version = (IdType) observations.update(decided, AdjudicationTags.replacingTags()).getId();
		String written = version.toUnqualified().getValue();
		audit.decided(written, pending.getIdElement().toUnqualified().getValue(), request);
		return new Decided(written, request.decision());
	}

	private static String decider() {
		return CurrentToken.get().map(token -> token.user().orElse(token.clientId())).orElse("unknown");
	}

	private static <T extends Resource> T read(IFhirResourceDao<T> dao, String type, String id) {
		try {
			return dao.read(new IdType(type, id), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw TrialFhirException.notFound(type + "/" + id + " does not exist");
		}
	}

}
