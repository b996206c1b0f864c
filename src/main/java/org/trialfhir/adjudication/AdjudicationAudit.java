package org.trialfhir.adjudication;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.audit.TrialAuditEvent;

/**
 * One AuditEvent per adjudication decision, stored in the decision's transaction, so no decision is without its
 * record: who (client id and user), the value decided (entity details {@code version}, the decided version, and
 * {@code pending-version}, the one it replaced), the {@code decision} and the {@code reason}. Found by {@code AuditEvent?entity-resource=Observation/<id>} like every record of ours. The request itself is
 * audited separately, like every request, by org.trialfhir.audit.
 */
@Component
class AdjudicationAudit {

	private final DaoRegistry daos;

	AdjudicationAudit(DaoRegistry daos) {
		this.daos = daos;
	}

	/**
	 * @param version the decided version, {@code Observation/<id>/_history/<n>}
	 * @param pendingVersion the pending version it replaced
	 */
	void decided(String version, String pendingVersion, AdjudicateRequest request) {
		AuditEvent event = TrialAuditEvent.ofOperation("$adjudicate", AuditEventAction.U, AuditEventOutcome._0);
		event.setOutcomeDesc(request.decision().code + "ed in adjudication: " + pendingVersion + " → " + version);
		IdType decided = new IdType(version);
		String resource = decided.toUnqualifiedVersionless().getValue();
		AuditEvent.AuditEventEntityComponent value = TrialAuditEvent.entity(event, resource);
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
