package org.trialfhir.audit;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityDetailComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.security.CurrentToken;

/**
 * The shape every AuditEvent of TrialFHIR shares (docs/security.md "Audit trail"): type {@code rest}, the operation as
 * subtype, the requesting client by its id and the user by name, resources named by an identifier of
 * {@link #RESOURCE_SYSTEM} so that {@code AuditEvent?entity-resource=Type/id} finds every record of a resource.
 * One place for it: the per-request records ({@link AuditEventFactory}) and the records operations add of their own
 * decisions (randomization, adjudication, import) are built from here.
 */
public final class TrialAuditEvent {

	public static final String OPERATION_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/operation";
	public static final String CLIENT_ID_SYSTEM = "http://trialfhir.org/fhir/sid/client-id";
	public static final String RESOURCE_SYSTEM = "http://trialfhir.org/fhir/sid/resource";

	private TrialAuditEvent() {
	}

	/** A record of type {@code rest}, recorded now, without source: the caller says what recorded it. */
	static AuditEvent rest(AuditEventAction action) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.setRecorded(new Date());
		event.setAction(action);
		return event;
	}

	/**
	 * An operation's record of its own decision, by the requester of the current request (without a token:
	 * "unauthenticated"), recorded by the application server.
	 */
	public static AuditEvent ofOperation(String operation, AuditEventAction action, AuditEventOutcome outcome) {
		CurrentToken token = CurrentToken.get().orElse(null);
		return ofOperation(operation, action, outcome, token == null ? null : token.clientId(),
				token == null ? null : token.user().orElse(null));
	}

	/** An operation's record of its own decision on behalf of the client (and user) named. */
	public static AuditEvent ofOperation(String operation, AuditEventAction action, AuditEventOutcome outcome,
			String clientId, String user) {
		AuditEvent event = rest(action);
		event.addSubtype(new Coding(OPERATION_SYSTEM, operation, null));
		event.setOutcome(outcome);
		requestor(event, clientId, user);
		event.getSource().setSite("TrialFHIR").setObserver(new Reference().setDisplay("TrialFHIR"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
						"Application Server"));
		return event;
	}

	/** The requesting agent: the client by its id and the user by name, or "unauthenticated" without a client. */
	public static AuditEventAgentComponent requestor(AuditEvent event, String clientId, String user) {
		AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		if (clientId == null) {
			return agent.setWho(new Reference().setDisplay("unauthenticated"));
		}
		agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(clientId)));
		if (user != null) {
			agent.setAltId(user).setName(user);
		}
		return agent;
	}

	/**
	 * A resource the record is about, as a reference that also carries the {@link #RESOURCE_SYSTEM} identifier, so
	 * {@code AuditEvent?entity-resource=Type/id} finds it. The reference must resolve (the resource exists: it was
	 * just read or written in this transaction).
	 */
	public static AuditEventEntityComponent entity(AuditEvent event, String reference) {
		return event.addEntity().setWhat(new Reference(reference)
				.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue(reference)));
	}

	public static AuditEventEntityDetailComponent detail(String type, String value) {
		return new AuditEventEntityDetailComponent().setType(type).setValue(new StringType(value));
	}
}
