package org.trialfhir.randomization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.audit.TrialAuditEvent;

/**
 * The trial's own audit records of allocation events, stored as AuditEvent resources in the caller's transaction, so an
 * allocation, an unblinding or an export is never without its record. They name the slot (by its opaque id), the study
 * and the people involved, never an arm, a stratum, a position in the list or a block (an auditor is not unblinded).
 * The request itself is audited separately, like every request, by org.trialfhir.audit.
 */
@Component
class RandomizationAudit {

	private final DaoRegistry daoRegistry;

	RandomizationAudit(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	void randomized(String subjectId, String patientId, Slot slot) {
		AuditEvent event = TrialAuditEvent.ofOperation("$randomize", AuditEventAction.C, AuditEventOutcome._0);
		event.setOutcomeDesc("allocated " + slot.label());
		TrialAuditEvent.entity(event, "ResearchSubject/" + subjectId);
		TrialAuditEvent.entity(event, "Patient/" + patientId);
		TrialAuditEvent.entity(event, "ResearchStudy/" + slot.studyId())
				.setName("allocation slot")
				.setDescription(slot.label())
				.addDetail(TrialAuditEvent.detail("slot", String.valueOf(slot.id())));
		store(event);
	}

	/** A $randomize that found the patient ineligible: the screening record written, nothing allocated. */
	void screenedIneligible(String subjectId, String patientId, String studyId, List<String> failedCriteria) {
		AuditEvent event = TrialAuditEvent.ofOperation("$randomize", AuditEventAction.U, AuditEventOutcome._4);
		event.setOutcomeDesc("not eligible: " + String.join(", ", failedCriteria) + "; screening recorded, nothing "
				+ "allocated");
		TrialAuditEvent.entity(event, "ResearchSubject/" + subjectId);
		TrialAuditEvent.entity(event, "Patient/" + patientId);
		TrialAuditEvent.entity(event, "ResearchStudy/" + studyId);
		store(event);
	}

	/** A $randomize of a patient who already held a slot: the earlier allocation was returned, nothing allocated. */
	void replayed(String subjectId, String patientId, Slot slot) {
		AuditEvent event = TrialAuditEvent.ofOperation("$randomize", AuditEventAction.R, AuditEventOutcome._0);
		event.setOutcomeDesc("replay: already allocated " + slot.label() + "; that subject was returned, nothing "
				+ "allocated");
		TrialAuditEvent.entity(event, "ResearchSubject/" + subjectId);
		TrialAuditEvent.entity(event, "Patient/" + patientId);
		TrialAuditEvent.entity(event, "ResearchStudy/" + slot.studyId())
				.setName("allocation slot")
				.setDescription(slot.label())
				.addDetail(TrialAuditEvent.detail("stratum", slot.stratum()))
				.addDetail(TrialAuditEvent.detail("slot", String.valueOf(slot.sequence())))
				.addDetail(TrialAuditEvent.detail("block", String.valueOf(slot.blockNumber())))
				.addDetail(TrialAuditEvent.detail("replay", "true"));
		store(event);
	}

	void unblinded(String subjectId, String studyReference, String reason) {
		AuditEvent event = TrialAuditEvent.ofOperation("$unblind", AuditEventAction.E, AuditEventOutcome._0);
		event.setOutcomeDesc("emergency unblinding: the assigned arm was revealed to the requester");
		TrialAuditEvent.entity(event, "ResearchSubject/" + subjectId).addDetail(TrialAuditEvent.detail("reason", reason));
		if (studyReference != null) {
			TrialAuditEvent.entity(event, studyReference);
		}
		store(event);
	}

	void exported(String studyId, int slots, String signature) {
		AuditEvent event = TrialAuditEvent.ofOperation("allocation-export", AuditEventAction.R, AuditEventOutcome._0);
		event.setOutcomeDesc("allocation list exported: " + slots + " slots, signed hmac-sha256=" + signature);
		TrialAuditEvent.entity(event, "ResearchStudy/" + studyId).setName("allocation list");
		store(event);
	}

	/** A refused export; the study is named, not referenced, as it may not exist. */
	void exportRefused(String studyId) {
		AuditEvent event = TrialAuditEvent.ofOperation("allocation-export", AuditEventAction.R, AuditEventOutcome._4);
		event.setOutcomeDesc("allocation list export refused: the token lacks administrative rights or 'unblinded'");
		event.addEntity().setName("allocation list").setWhat(new Reference().setDisplay("ResearchStudy/" + studyId)
				.setIdentifier(new Identifier().setSystem(TrialAuditEvent.RESOURCE_SYSTEM).setValue("ResearchStudy/" + studyId)));
		store(event);
	}

	private void store(AuditEvent event) {
		daoRegistry.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
	}
}
