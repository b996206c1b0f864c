package org.trialfhir.adjudication;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * The adjudication state of a pulled value, as a tag of the CodeSystem {@link #SYSTEM}: {@code pending} until a
 * coordinator decides, then {@code accepted} or {@code rejected}. An Observation without such a tag was never held
 * for adjudication. The one place these codes are spelled.
 */
public final class AdjudicationTags {

	public static final String SYSTEM = "http://trialfhir.org/fhir/CodeSystem/trial-adjudication";
	public static final String PENDING = "pending";
	public static final String ACCEPTED = "accepted";
	public static final String REJECTED = "rejected";

	/**
	 * HAPI's request header that makes an update's {@code meta.tag} the whole set of tags: without it HAPI carries
	 * every earlier tag forward, and a decided value would still answer {@code _tag=…|pending}.
	 */
	private static final String TAG_SNAPSHOT_HEADER = "X-Meta-Snapshot-Mode";

	private AdjudicationTags() {}

	/** The server's own write whose resource's {@code meta.tag} replaces the stored version's tags. */
	public static SystemRequestDetails replacingTags() {
		SystemRequestDetails request = new SystemRequestDetails();
		request.addHeader(TAG_SNAPSHOT_HEADER, "TAG");
		return request;
	}

	/** The adjudication code the resource carries ({@code pending}, {@code accepted}, {@code rejected}), if any. */
	public static Optional<String> stateOf(Resource resource) {
		return resource.getMeta().getTag().stream().filter(tag -> SYSTEM.equals(tag.getSystem()))
				.map(Coding::getCode).findFirst();
	}

	public static boolean isPending(Resource resource) {
		return stateOf(resource).filter(PENDING::equals).isPresent();
	}

	/** Replaces the resource's adjudication tag (its other tags stay) by {@code code}. */
	public static void mark(Resource resource, String code) {
		Meta meta = resource.getMeta();
		meta.getTag().removeIf(tag -> SYSTEM.equals(tag.getSystem()));
		meta.addTag(new Coding(SYSTEM, code, display(code)));
	}

	private static String display(String code) {
		return switch (code) {
			case PENDING -> "Pending adjudication";
			case ACCEPTED -> "Accepted in adjudication";
			case REJECTED -> "Rejected in adjudication";
			default -> throw new IllegalArgumentException(code);
		};
	}
}
