package org.trialfhir.server;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Tells HAPI, before a run of updates by client-assigned id in one transaction, which of those resources exist
 * already: one query for the run, where HAPI's update would look each id up with a query of its own (its id cache is
 * off while deletes are enabled). HAPI takes an id found in the {@link TransactionDetails} as the stored resource
 * (deleted ones included, as its own lookup does: the update revives it) and an id marked absent as a new resource.
 */
public final class ResolvedIds {

	private ResolvedIds() {}

	/**
	 * Records each of {@code written} as found or absent in {@code details}, except the ids in {@code referenced}, left
	 * to what resolved the run's references (live targets only) and to HAPI: a resource the run creates or revives and
	 * a later write of it references must be neither absent nor a deleted target then.
	 */
	public static void recordWhichExist(IIdHelperService<?> ids, Collection<? extends IIdType> written,
			Set<IIdType> referenced, TransactionDetails details) {
		Set<String> referencedIds = referenced.stream().map(id -> id.toUnqualifiedVersionless().getValue())
				.collect(Collectors.toSet());
		Set<IIdType> wanted = written.stream().map(IIdType::toUnqualifiedVersionless)
				.filter(id -> !referencedIds.contains(id.getValue())).collect(Collectors.toSet());
		if (wanted.isEmpty()) {
			return;
		}
		Set<String> found = new HashSet<>();
		ids.resolveResourceIdentities(RequestPartitionId.allPartitions(), wanted,
				ResolveIdentityMode.includeDeleted().noCacheUnlessDeletesDisabled()).forEach((id, lookup) -> {
					details.addResolvedResourceId(id, lookup.getPersistentId());
					found.add(id.getValue());
				});
		wanted.stream().filter(id -> !found.contains(id.getValue()))
				.forEach(absent -> details.addResolvedResourceId(absent, null));
	}
}
