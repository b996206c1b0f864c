package org.trialfhir.randomization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.security.CurrentToken;

/**
 * The trial's own audit records of allocation events, stored as AuditEvent resources in the caller's transaction, so an
 * allocation, an unblinding or an export is never without its record. They name the slot (by its opaque id), the study
 * and the people involved, never an arm, a stratum, a position in the list or a block (an auditor is not unblinded).
 * The request itself is audited separately, like every request, by org.trialfhir.audit.
 */
@Component
class RandomizationAudit {

	static final String OPERATION_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/operation";
	static final String CLIENT_ID_SYSTEM = "http://trialfhir.org/fhir/sid/client-id";
	static final String RESOURCE_SYSTEM = "http://trialfhir.org/fhir/sid/resource";

	private final DaoRegistry daoRegistry;

	RandomizationAudit(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	void randomized(String subjectId, String patientId, Slot slot) {
		AuditEvent event = event("$randomize", AuditEventAction.C, AuditEventOutcome._0);
		event.setOutcomeDesc("allocated " + slot.label());
		entity(event, "ResearchSubject/" + subjectId);
		entity(event, "Patient/" + patientId);
		entity(event, "ResearchStudy/" + slot.studyId())
				.setName("allocation slot")
				.setDescription(slot.label())
				.addDetail(detail("slot", String.valueOf(slot.id())));
		store(event);
	}

	/** A $randomize that found the patient ineligible: the screening record written, nothing allocated. */
	void screenedIneligible(String subjectId, String patientId, String studyId, List<String> failedCriteria) {
		AuditEvent event = event("$randomize", AuditEventAction.U, AuditEventOutcome._4);
		event.setOutcomeDesc("not eligible: " + String.join(", ", failedCriteria) + "; screening recorded, nothing "
				+ "allocated");
		entity(event, "ResearchSubject/" + subjectId);
		entity(event, "Patient/" + patientId);
		entity(event, "ResearchStudy/" + studyId);
		store(event);
	}

	/** A $randomize of a patient who already held a slot: the earlier allocation was returned, nothing allocated. */
	void replayed(String subjectId, String patientId, Slot slot) {
		AuditEvent event = event("$randomize", AuditEventAction.R, AuditEventOutcome._0);
		event.setOutcomeDesc("replay: already allocated " + slot.label() + "; that subject was returned, nothing "
				+ "allocated");
		entity(event, "ResearchSubject/" + subjectId);
		entity(event, "Patient/" + patientId);
		entity(event, "ResearchStudy/" + slot.studyId())
				.setName("allocation slot")
				.setDescription(slot.label())
				.addDetail(detail("stratum", slot.stratum()))
				.addDetail(detail("slot", String.valueOf(slot.sequence())))
				.addDetail(detail("block", String.valueOf(slot.blockNumber())))
				.addDetail(detail("replay", "true"));
		store(event);
	}

	void unblinded(String subjectId, String studyReference, String reason) {
		AuditEvent event = event("$unblind", AuditEventAction.E, AuditEventOutcome._0);
		event.setOutcomeDesc("emergency unblinding: the assigned arm was revealed to the requester");
		entity(event, "ResearchSubject/" + subjectId).addDetail(detail("reason", reason));
		if (studyReference != null) {
			entity(event, studyReference);
		}
		store(event);
	}

	void exported(String studyId, int slots, String signature) {
		AuditEvent event = event("allocation-export", AuditEventAction.R, AuditEventOutcome._0);
		event.setOutcomeDesc("allocation list exported: " + slots + " slots, signed hmac-sha256=" + signature);
		entity(event, "ResearchStudy/" + studyId).setName("allocation list");
		store(event);
	}

	/** A refused export; the study is named, not referenced, as it may not exist. */
	void exportRefused(String studyId) {
		AuditEvent event = event("allocation-export", AuditEventAction.R, AuditEventOutcome._4);
		event.setOutcomeDesc("allocation list export refused: the token lacks administrative rights or 'unblinded'");
		event.addEntity().setName("allocation list").setWhat(new Reference().setDisplay("ResearchStudy/" + studyId)
				.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue("ResearchStudy/" + studyId)));
		store(event);
	}

	private static AuditEvent event(String operation, AuditEventAction action, AuditEventOutcome outcome) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.addSubtype(new Coding(OPERATION_SYSTEM, operation, null));
		event.setAction(action);
		event.setRecorded(new Date());
		event.setOutcome(outcome);
		Optional<CurrentToken> token = CurrentToken.get();
		AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		token.ifPresentOrElse(t -> {
			agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(t.clientId())));
			t.user().ifPresent(user -> agent.setAltId(user).setName(user));
		}, () -> agent.setWho(new Reference().setDisplay("unauthenticated")));
		event.getSource().setSite("TrialFHIR").setObserver(new Reference().setDisplay("TrialFHIR"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
						"Application Server"));
		return event;
	}

	/**
	 * A resolved reference (the resource exists: it was just read or written in this transaction) that also carries
	 * the identifier every TrialFHIR audit record uses, so {@code AuditEvent?entity-resource=Type/id} finds it.
	 */
	private static AuditEventEntityComponent entity(AuditEvent event, String reference) {
		return event.addEntity().setWhat(new Reference(reference)
				.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue(reference)));
	}

	private static AuditEvent.AuditEventEntityDetailComponent detail(String type, String value) {
		return new AuditEvent.AuditEventEntityDetailComponent().setType(type)
				.setValue(new org.hl7.fhir.r4.model.StringType(value));
	}

	private void store(AuditEvent event) {
		daoRegistry.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
	}
}
