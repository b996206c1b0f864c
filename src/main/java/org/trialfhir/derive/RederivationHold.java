package org.trialfhir.derive;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Re-derivation held back while a bulk load ({@code $import}) writes a patient's data chunk after chunk: its writes
 * still queue their patients in their own transaction, but due only when the load {@link #release}s them, so each
 * patient is derived once from all of its data rather than after every chunk from part of it.
 */
@Component
public class RederivationHold {

	/** How far off a held row falls due: never, until released. */
	static final Duration HELD = Duration.ofDays(365L * 100);

	private static final String MARK = RederivationHold.class.getName();

	private final RederiveQueue queue;

	RederivationHold(RederiveQueue queue) {
		this.queue = queue;
	}

	/** The writes of this request queue their patients held. */
	public static void hold(RequestDetails request) {
		request.getUserData().put(MARK, Boolean.TRUE);
	}

	static boolean isHeld(RequestDetails request) {
		return request != null && request.getUserData().containsKey(MARK);
	}

	/** Every held patient falls due now (of any load: releasing another's early only derives sooner). */
	public int release() {
		return queue.releaseHeld(HELD.dividedBy(2));
	}
}
