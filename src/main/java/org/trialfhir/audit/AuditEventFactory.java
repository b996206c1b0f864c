package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/** Builds the FHIR AuditEvent of one request: who, what, when, outcome and where from. */
@Component
class AuditEventFactory {

	static final String CLIENT_ID_SYSTEM = "http://trialfhir.org/fhir/sid/client-id";
	static final String USER_SYSTEM = "http://trialfhir.org/fhir/sid/user";
	static final String RESOURCE_SYSTEM = "http://trialfhir.org/fhir/sid/resource";
	static final String OPERATION_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/operation";

	private final FhirContext fhirContext;

	AuditEventFactory(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	String toJson(HttpServletRequest request, int status, AuditContext context, String created, Instant started) {
		return fhirContext.newJsonParser().encodeResourceToString(build(request, status, context, created, started));
	}

	/** @param created the resource a create made ({@code Type/id}), else null */
	AuditEvent build(HttpServletRequest request, int status, AuditContext context, String created, Instant started) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.setRecorded(new Date());
		event.setPeriod(new Period().setStart(Date.from(started)).setEnd(new Date()));
		event.setAction(action(request.getMethod(), context));
		event.setOutcome(status < 400 ? AuditEventOutcome._0 : status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8);
		event.setOutcomeDesc("HTTP " + status);
		if (context != null && context.operation() != null) {
			event.addSubtype(subtype(context));
		}

		AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		if (context != null && context.clientId() != null) {
			agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(context.clientId())));
			if (context.user() != null) {
				agent.setAltId(context.user());
				agent.setName(context.user());
			}
		} else {
			agent.setWho(new Reference().setDisplay("unauthenticated"));
		}
		agent.getNetwork().setAddress(request.getRemoteAddr()).setType(AuditEventAgentNetworkType._2);

		event.getSource().setSite("TrialFHIR").setObserver(new Reference().setDisplay("TrialFHIR"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "3", "Web Server"));

		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.setDescription(request.getMethod() + " " + request.getRequestURI());
		if (request.getQueryString() != null) {
			entity.setQuery(request.getQueryString().getBytes(StandardCharsets.UTF_8));
		}
		if (context != null && context.resourceType() != null) {
			entity.setType(new Coding("http://hl7.org/fhir/resource-types", context.resourceType(), null));
			String resource = context.resourceId() != null ? context.resourceType() + "/" + context.resourceId() : created;
			if (resource != null) {
				// an identifier, not a resolved reference: a read of a deleted or unknown resource is audited too
				entity.setWhat(new Reference().setDisplay(resource)
						.setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM).setValue(resource)));
			}
		}
		return event;
	}

	private static Coding subtype(AuditContext context) {
		if (context.operationName() != null) {
			return new Coding(OPERATION_SYSTEM, context.operationName(), null);
		}
		return new Coding("http://hl7.org/fhir/restful-interaction", context.operation().getCode(), null);
	}

	private static AuditEventAction action(String method, AuditContext context) {
		if (context != null && context.operationName() != null) {
			return AuditEventAction.E;
		}
		if (context != null && context.operation() == RestOperationTypeEnum.TRANSACTION) {
			return AuditEventAction.E;
		}
		return switch (method) {
			case "POST" -> AuditEventAction.C;
			case "PUT", "PATCH" -> AuditEventAction.U;
			case "DELETE" -> AuditEventAction.D;
			default -> AuditEventAction.R;
		};
	}

}
