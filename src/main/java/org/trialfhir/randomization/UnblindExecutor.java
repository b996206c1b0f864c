package org.trialfhir.randomization;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.errors.TrialFhirException;

/**
 * Runs {@code $unblind}: reveals a subject's assigned arm once its audit record (who, when, why) is durably stored.
 */
@Component
class UnblindExecutor {

	private final ScreeningReader reader;
	private final RandomizationAudit audit;
	private final TransactionTemplate transaction;

	UnblindExecutor(ScreeningReader reader, RandomizationAudit audit, PlatformTransactionManager transactionManager) {
		this.reader = reader;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** The arm of ResearchSubject/[subjectId], once the unblinding and its reason are audited. */
	String run(String subjectId, UnblindRequest request) {
		return transaction.execute(status -> {
			ResearchSubject subject = reader.read(ResearchSubject.class, new IdType("ResearchSubject", subjectId))
					.orElseThrow(() -> TrialFhirException.notFound("ResearchSubject/" + subjectId + " does not exist"));
			if (!subject.hasAssignedArm()) {
				throw TrialFhirException.unprocessable("ResearchSubject/" + subjectId + " has no assigned arm");
			}
			String study = subject.getStudy().hasReference()
					? new IdType(subject.getStudy().getReference()).toUnqualifiedVersionless().getValue() : null;
			audit.unblinded(subjectId, study, request.reason());
			return subject.getAssignedArm();
		}); // committed before the arm leaves the server
	}
}
