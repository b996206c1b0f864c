package org.trialfhir.adjudication;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * A decision is made by {@code $adjudicate} alone. A client's write, whatever its scopes and door (PUT, PATCH, a
 * transaction or batch entry, a conditional URL, {@code $meta-add}, {@code $meta-delete}), may neither change nor
 * delete a pending value (409: decide it with {@code $adjudicate}), nor set, change or remove a trial-adjudication tag
 * (403): otherwise a plain PUT with {@code status=final} and the {@code accepted} tag would fake an acceptance, and a
 * {@code $meta-delete} would hide a value from the pending list. A client may still correct a decided value like any
 * other (its tag is carried forward), and the server's own writes (the pull, {@code $adjudicate}) pass.
 */
@Component
class AdjudicationGuard implements WriteStep {

	AdjudicationGuard() {
	}

	@Override
	public String name() {
		return "guard-adjudication";
	}

	@Override
	public void beforeStore(WriteContext write) {
		if (!ClientRequests.isClient(write.request()) || !(write.resource() instanceof Resource resource)
				|| !"Observation".equals(resource.fhirType())) {
			return;
		}
		switch (write.kind()) {
			case CREATE -> AdjudicationTags.stateOf(resource).ifPresent(tag -> refuseTag(resource, tag));
			case UPDATE -> checkUpdate((Resource) write.previous(), resource, write.request());
			case DELETE -> refusePending(resource, "deleted");
		}
	}

	private static void checkUpdate(Resource previous, Resource next, RequestDetails request) {
		refusePending(previous, "changed");
		Optional<String> was = AdjudicationTags.stateOf(previous);
		Optional<String> now = AdjudicationTags.stateOf(next);
		// a tag left out of an update is carried forward by HAPI, unless the request removes tags explicitly
		boolean removesTags = "$meta-delete".equals(request.getOperation()) || snapshotsTags(request);
		if (now.isPresent() && !now.equals(was) || now.isEmpty() && was.isPresent() && removesTags) {
			refuseTag(previous, now.orElse(was.get()));
		}
	}

	private static boolean snapshotsTags(RequestDetails request) {
		List<String> modes = Objects.requireNonNullElse(request.getHeaders("X-Meta-Snapshot-Mode"), List.of());
		return modes.stream().flatMap(value -> List.of(value.split(",")).stream())
				.anyMatch(mode -> mode.trim().equalsIgnoreCase("TAG"));
	}

	private static void refusePending(IBaseResource stored, String what) {
		if (stored instanceof Resource resource && AdjudicationTags.isPending(resource)) {
			throw new TrialFhirException(TrialFhirException.Kind.CONFLICT, idOf(resource)
					+ " is a pulled value pending adjudication: it cannot be " + what + " by a client; decide it with "
					+ idOf(resource) + "/$adjudicate (decision accept or reject)", "Observation.meta.tag");
		}
	}

	private static void refuseTag(Resource resource, String tag) {
		throw new ForbiddenOperationException("the tag " + AdjudicationTags.SYSTEM + "|" + tag + " of "
				+ idOf(resource) + " is set by the server alone: the pull marks a value pending, $adjudicate "
				+ "accepts or rejects it");
	}

	private static String idOf(Resource resource) {
		return "Observation" + (resource.getIdElement().hasIdPart() ? "/" + resource.getIdElement().getIdPart() : "");
	}
}
