package org.trialfhir.support;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes as the server itself makes them (HAPI's DAOs with a system request), for fixtures no client may write:
 * derived scores with fixed numbers standing in for {@code $derive-scores}, for example.
 */
public final class ServerSide {

	private ServerSide() {}

	public static IIdType create(DaoRegistry daos, IBaseResource resource) {
		return daos.getResourceDao(resource.fhirType()).create(resource, new SystemRequestDetails()).getId()
				.toUnqualifiedVersionless();
	}

	public static void update(DaoRegistry daos, IBaseResource resource) {
		daos.getResourceDao(resource.fhirType()).update(resource, new SystemRequestDetails());
	}

	public static void delete(DaoRegistry daos, IIdType id) {
		daos.getResourceDao(id.getResourceType()).delete(id, new SystemRequestDetails());
	}

	@SuppressWarnings("unchecked")
	public static Bundle transaction(DaoRegistry daos, Bundle bundle) {
		return (Bundle) daos.getSystemDao().transaction(new SystemRequestDetails(), bundle);
	}
}
