package org.trialfhir.adjudication;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.security.CurrentToken;

/**
 * One AuditEvent per adjudication decision, stored in the decision's transaction, so no decision is without its
 * record: who (client id and user), the value decided (entity details {@code version}, the decided version, and
 * {@code pending-version}, the one it replaced), the {@code decision} and the {@code reason}. Found by {@code AuditEvent?entity-resource=Observation/<id>} like every record of ours. The request itself is
 * audited separately, like every request, by org.trialfhir.audit.
 */
@Component
class AdjudicationAudit {

	static final String OPERATION_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/operation";
	static final String CLIENT_ID_SYSTEM = "http://trialfhir.org/fhir/sid/client-id";
	static final String RESOURCE_SYSTEM = "http://trialfhir.org/fhir/sid/resource";

	private final DaoRegistry daos;

	AdjudicationAudit(DaoRegistry daos) {
		this.daos = daos;
	}

	/**
	 * @param version the decided version, {@code Observation/<id>/_history/<n>}
	 * @param pendingVersion the pending version it replaced
	 */
	void decided(String version, String pendingVersion, AdjudicateRequest request) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.addSubtype(new Coding(OPERATION_SYSTEM, "$adjudicate", null));
		event.setAction(AuditEventAction.U);
		event.setRecorded(new Date());
		event.setOutcome(AuditEventOutcome._0);
		event.setOutcomeDesc(request.decision().code + "ed in adjudication: " + pendingVersion + " → " + version);
		AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		CurrentToken.get().ifPresentOrElse(token -> {
			agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM)
					.setValue(token.clientId())));
			token.user().ifPresent(user -> agent.setAltId(user).setName(user));
		}, () -> agent.setWho(new Reference().setDisplay("unauthenticated")));
		event.getSource().setSite("TrialFHIR").setObserver(new Reference().setDisplay("TrialFHIR"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
						"Application Server"));
		IdType decided = new IdType(version);
		String resource = decided.toUnqualifiedVersionless().getValue();
		AuditEvent.AuditEventEntityComponent value = event.addEntity().setWhat(new Reference(resource)
				.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue(resource)));
		value.addDetail().setType("decision").setValue(new StringType(request.decision().code));
		value.addDetail().setType("version").setValue(new StringType(decided.getVersionIdPart()));
		value.addDetail().setType("pending-version").setValue(new StringType(new IdType(pendingVersion)
				.getVersionIdPart()));
		if (request.reason() != null) {
			value.addDetail().setType("reason").setValue(new StringType(request.reason()));
		}
		daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
	}
}
