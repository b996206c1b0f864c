package org.trialfhir.hapisql;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/** The other side of each pinning test: HAPI's own search or read, through its DAO, as the server. */
final class HapiSearch {

	private HapiSearch() {
	}

	/** Every match, all pages. */
	@SuppressWarnings("unchecked")
	static <T extends IBaseResource> List<T> search(DaoRegistry daos, Class<T> type, SearchParameterMap map) {
		map.setLoadSynchronous(true);
		map.setLoadSynchronousUpTo(200_000);
		return (List<T>) (List<?>) daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}

	/** The resource, or empty when HAPI answers 404 or 410. */
	static <T extends IBaseResource> Optional<T> read(DaoRegistry daos, Class<T> type, String id) {
		try {
			return Optional.of(daos.getResourceDao(type).read(new IdType(type.getSimpleName(), id),
					new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
