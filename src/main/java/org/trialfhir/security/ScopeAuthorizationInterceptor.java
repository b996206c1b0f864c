package org.trialfhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;

/**
 * The one place where a token's SMART scopes are checked against a FHIR request: the interaction on the resource
 * type, each entry of a transaction or batch, each custom operation (declared with {@link OperationAccess}), and
 * every stored resource a read, search, history or operation shows: resources of types the token may not read
 * (reached through {@code _include}, {@code _revinclude} or {@code $everything}) are left out of the response. The
 * create permission a write that creates needs is checked in the write pipeline ({@link AuthorizeWrite}).
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ScopeAuthorizationInterceptor implements FhirRestInterceptor {

	/** HAPI's own operations that a reader may run, and what they need. */
	private static final Set<String> READ_OPERATIONS = Set.of("$everything", "$meta", "$expand", "$lookup",
			"$validate-code", "$translate", "$subsumes");

	/**
	 * Requests that show stored resources: each one shown must be readable by the token, whatever brought it
	 * (_include, _revinclude, _type, a later page, history, {@code $everything} and every other operation). Writes
	 * are not here: HAPI also shows them the matches of their conditional URLs, which must not be hidden from a
	 * writer without read access (a keyed push would then create a duplicate).
	 */
	private static final Set<RestOperationTypeEnum> SHOWING = EnumSet.of(RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
			RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
			RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

	private final OperationAccessRegistry operations;
	private final FhirContext fhirContext;

	ScopeAuthorizationInterceptor(OperationAccessRegistry operations, FhirContext fhirContext) {
		this.operations = operations;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void authorizeRequest(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		Grants grants = grants();
		String type = request.getResourceName();
		switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> require(grants.allows(type, Interaction.READ), operation, type);
			case SEARCH_TYPE -> require(grants.allows(type, Interaction.SEARCH), operation, type);
			case SEARCH_SYSTEM -> authorizeSystemSearch(request, grants);
			case GET_PAGE -> {} // every resource of the page is checked as it is shown
			case CREATE -> require(grants.allows(type, Interaction.CREATE), operation, type);
			case UPDATE, PATCH -> require(grants.allows(type, Interaction.UPDATE), operation, type);
			case DELETE -> require(grants.allows(type, Interaction.DELETE), operation, type);
			case HISTORY_SYSTEM -> // it spans every type, AuditEvent included (HAPI's history paging cannot leave some out)
					require(grants.isAdministrator() && grants.allows("AuditEvent", Interaction.READ), operation, "*");
			case TRANSACTION, BATCH -> authorizeEntries(request, grants);
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
					authorizeOperation(request.getOperation(), type, grants);
			default -> require(grants.isAdministrator(), operation, type);
		}
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void authorizeShown(IPreResourceShowDetails shown, RequestDetails request) {
		if (!isRestRequest(request) || !SHOWING.contains(request.getRestOperationType())) {
			return;
		}
		Grants grants = grants();
		for (int i = 0; i < shown.size(); i++) {
			IBaseResource resource = shown.getResource(i);
			String type = resource == null ? null : resource.fhirType();
			if (type != null && !type.equals("OperationOutcome")
					&& !grants.allows(type, Interaction.READ) && !grants.allows(type, Interaction.SEARCH)) {
				shown.setResource(i, null); // left out of the response: the token may not read this type
			}
		}
	}

	private void authorizeSystemSearch(RequestDetails request, Grants grants) {
		String[] types = request.getParameters().get("_type");
		if (types == null) {
			require(grants.isAdministrator(), RestOperationTypeEnum.SEARCH_SYSTEM, "*");
			return;
		}
		for (String list : types) {
			for (String type : list.split(",")) {
				require(grants.allows(type.trim(), Interaction.SEARCH), RestOperationTypeEnum.SEARCH_SYSTEM, type);
			}
		}
	}

	private void authorizeEntries(RequestDetails request, Grants grants) {
		if (!(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			EntryRequest entry = EntryRequest.of(i, bundle.getEntry().get(i), request.getFhirServerBase(), fhirContext);
			if (entry.operation() != null) {
				authorizeOperation(entry.operation(), entry.resourceType(), grants);
				continue;
			}
			Interaction needed = switch (entry.method()) {
				case POST -> Interaction.CREATE;
				case PUT, PATCH -> Interaction.UPDATE;
				case DELETE -> Interaction.DELETE;
				default -> entry.search() ? Interaction.SEARCH : Interaction.READ;
			};
			require(grants.allows(entry.resourceType(), needed), RestOperationTypeEnum.TRANSACTION,
					entry.resourceType() + " (" + needed + ")");
		}
	}

	private void authorizeOperation(String operation, String type, Grants grants) {
		String name = OperationAccessRegistry.normalize(operation);
		boolean allowed;
		if (operations.isCustom(name)) {
			allowed = grants.allowsOperation(type, name);
		} else if (name.equals("$validate")) {
			allowed = type != null && (grants.allows(type, Interaction.CREATE) || grants.allows(type, Interaction.UPDATE));
		} else if (READ_OPERATIONS.contains(name)) {
			allowed = type == null ? grants.isAdministrator() : grants.allows(type, Interaction.READ);
		} else {
			allowed = grants.isAdministrator();
		}
		if (!allowed) {
			throw new ForbiddenOperationException("Access denied: " + name + (type == null ? "" : " on " + type)
					+ " needs the scope " + (operations.isCustom(name) ? "<user|system>/" + (type == null ? "*" : type)
							+ "." + name : "for this interaction"));
		}
	}

	static void require(boolean allowed, Object interaction, String type) {
		if (!allowed) {
			throw new ForbiddenOperationException(
					"Access denied: the token's scopes do not allow " + interaction + " on " + type);
		}
	}

	static boolean isRestRequest(RequestDetails request) {
		return request != null && request.getServer() != null && request.getRestOperationType() != null
				&& !(request instanceof ca.uhn.fhir.rest.api.server.SystemRequestDetails);
	}

	/** A write of a client: its own request, or one the server makes on its behalf ({@code $import}). */
	static boolean isClientWrite(RequestDetails request) {
		return isRestRequest(request) || ClientRequests.isClient(request);
	}

	static Grants grants() {
		return CurrentToken.get().map(CurrentToken::grants)
				.orElseThrow(() -> new AuthenticationException("Authentication required: send a valid bearer token"));
	}
}
