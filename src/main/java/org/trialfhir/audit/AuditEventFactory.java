package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.security.SignInAttempt;

/**
 * Builds the AuditEvents of the trail: the one of each request (who, what, when, outcome, where from; one entity per
 * bundle entry), and the receipt of a write transaction (one entity per resource written), which stands in for its
 * request's when that could not be recorded.
 */
@Component
class AuditEventFactory {

	static final String CLIENT_ID_SYSTEM = TrialAuditEvent.CLIENT_ID_SYSTEM;
	static final String RESOURCE_SYSTEM = TrialAuditEvent.RESOURCE_SYSTEM;
	static final String OPERATION_SYSTEM = TrialAuditEvent.OPERATION_SYSTEM;
	private static final String INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction";
	static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

	private final FhirContext fhirContext;

	AuditEventFactory(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	String toJson(AuditEvent event) {
		return fhirContext.newJsonParser().encodeResourceToString(event);
	}

	/**
	 * The AuditEvent of one request, once its status is known.
	 *
	 * @param created the resource a create made ({@code Type/id}), else null
	 */
	AuditEvent request(HttpServletRequest request, int status, AuditRecord record, String created) {
		boolean fhir = request.getRequestURI().startsWith("/fhir");
		AuditEvent event = base(record.started.toEpochMilli(), fhir ? action(request.getMethod(), record)
				: AuditEventAction.E);
		event.setOutcome(status < 400 ? AuditEventOutcome._0 : status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8);
		event.setOutcomeDesc("HTTP " + status);
		if (record.operation != null) {
			event.addSubtype(record.operationName != null ? new Coding(OPERATION_SYSTEM, record.operationName, null)
					: new Coding(INTERACTION_SYSTEM, record.operation.getCode(), null));
		} else if (!fhir) {
			event.addSubtype(new Coding(OPERATION_SYSTEM, endpoint(request), null));
		}
		TrialAuditEvent.requestor(event, record.clientId != null ? record.clientId : ClaimedClient.of(request), record.user)
				.getNetwork().setAddress(request.getRemoteAddr()).setType(AuditEventAgentNetworkType._2);

		AuditEvent.AuditEventEntityComponent target = event.addEntity();
		target.setDescription(request.getMethod() + " " + request.getRequestURI());
		if (request.getQueryString() != null) {
			target.setQuery(request.getQueryString().getBytes(StandardCharsets.UTF_8));
		}
		if (record.resourceType != null) {
			target.setType(resourceType(record.resourceType));
			String resource = record.resourceId != null ? record.resourceType + "/" + record.resourceId : created;
			if (resource != null) {
				target.setWhat(resourceReference(resource));
			}
		}
		for (int i = 0; i < record.entries.size(); i++) {
			event.addEntity(bundleEntry(i, record.entries.get(i)));
		}
		return event;
	}

	/** The receipt of one write transaction of a client: what it wrote, with the versions it made. */
	AuditEvent receipt(AuditRecord record, List<WrittenResource> written) {
		AuditEvent event = base(record.started.toEpochMilli(), AuditEventAction.E);
		event.addSubtype(new Coding(INTERACTION_SYSTEM, "transaction", null));
		event.setOutcome(AuditEventOutcome._0);
		event.setOutcomeDesc("writes committed; the request's own record is missing (the server stopped, or could not "
				+ "record it, before answering)");
		TrialAuditEvent.requestor(event, record.clientId, record.user);
		for (WrittenResource resource : written) {
			event.addEntity().setType(resourceType(resource.id().getResourceType()))
					.setWhat(resourceReference(resource.id().toUnqualifiedVersionless().getValue()))
					.setDescription(resource.action() + " " + resource.id().getValue());
		}
		return event;
	}

	/**
	 * A sign-in at the workbench's login page: DICOM 110114 User Authentication, subtype 110122 Login; outcome 0 when
	 * accepted, 4 when refused; the agent is the user name typed, with the client's address. No password, ever.
	 */
	AuditEvent signIn(SignInAttempt attempt) {
		AuditEvent event = base(attempt.at().toEpochMilli(), AuditEventAction.E);
		event.setType(new Coding(DICOM, "110114", "User Authentication"));
		event.addSubtype(new Coding(DICOM, "110122", "Login"));
		event.setOutcome(attempt.succeeded() ? AuditEventOutcome._0 : AuditEventOutcome._4);
		event.setOutcomeDesc(attempt.succeeded() ? "signed in" : "sign-in refused");
		AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true).setName(attempt.userName())
				.setAltId(attempt.userName()).setWho(new Reference().setDisplay(attempt.userName()));
		if (attempt.remoteAddress() != null) {
			agent.getNetwork().setAddress(attempt.remoteAddress()).setType(AuditEventAgentNetworkType._2);
		}
		event.addEntity().setDescription("sign-in at the workbench's login page");
		return event;
	}

	/** A resource written in a transaction: its versioned id and C, U or D. */
	record WrittenResource(IdType id, String action) {}

	private static AuditEvent base(long startedMillis, AuditEventAction action) {
		AuditEvent event = TrialAuditEvent.rest(action);
		event.setPeriod(new Period().setStart(new Date(startedMillis)).setEnd(new Date()));
		event.getSource().setSite("TrialFHIR").setObserver(new Reference().setDisplay("TrialFHIR"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "3", "Web Server"));
		return event;
	}

	private static AuditEvent.AuditEventEntityComponent bundleEntry(int index, AuditRecord.Entry entry) {
		AuditEvent.AuditEventEntityComponent entity = new AuditEvent.AuditEventEntityComponent();
		entity.setName("Bundle.entry[" + index + "]");
		entity.setDescription(entry.method() + " " + entry.url());
		String target = entry.location() != null ? entry.location() : entry.url();
		IdType id = target == null ? null : new IdType(target);
		if (id != null && id.hasResourceType() && id.hasIdPart() && !target.contains("?")) {
			entity.setType(resourceType(id.getResourceType()));
			entity.setWhat(resourceReference(id.toUnqualifiedVersionless().getValue()));
		}
		if (entry.status() != null) {
			entity.addDetail().setType("status").setValue(new StringType(entry.status()));
		}
		return entity;
	}

	/** An identifier, not a resolved reference: a read of a deleted or unknown resource is audited too. */
	private static Reference resourceReference(String resource) {
		return new Reference().setDisplay(resource)
				.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue(resource));
	}

	private static Coding resourceType(String type) {
		return new Coding("http://hl7.org/fhir/resource-types", type, null);
	}

	/** A non-FHIR endpoint by its path: token, prometheus, allocation-export. */
	private static String endpoint(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.startsWith("/oauth2/token")) {
			return "token";
		}
		if (path.startsWith("/randomization/")) {
			return "allocation-export";
		}
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static AuditEventAction action(String method, AuditRecord record) {
		if (record.operationName != null || record.operation == RestOperationTypeEnum.TRANSACTION
				|| record.operation == RestOperationTypeEnum.BATCH) {
			return AuditEventAction.E;
		}
		boolean search = record.operation == RestOperationTypeEnum.SEARCH_TYPE
				|| record.operation == RestOperationTypeEnum.SEARCH_SYSTEM;
		return switch (method) {
			case "POST" -> search ? AuditEventAction.R : AuditEventAction.C;
			case "PUT", "PATCH" -> AuditEventAction.U;
			case "DELETE" -> AuditEventAction.D;
			default -> AuditEventAction.R;
		};
	}
}
