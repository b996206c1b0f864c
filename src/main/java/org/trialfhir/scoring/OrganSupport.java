package org.trialfhir.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * An organ-support interval SOFA-2 reads (docs/scores-spec.md §14.2): a Procedure or device use with a
 * {@code performedPeriod}. {@code end} null = still running (until the day's end).
 *
 * @param source opaque id, e.g. {@code Procedure/12}
 */
public record OrganSupport(Kind kind, Instant start, Instant end, String source) {

	/** What the interval is, as SOFA-2 needs to tell it apart (E1, E8, E12). */
	public enum Kind {
		/** HFNO, CPAP, BiPAP/NIV, invasive ventilation by tube or tracheostomy, home ventilation (E1). */
		ADVANCED_RESPIRATORY,
		/** ECMO with venous return only: respiratory 4, cardiovascular unaffected (footnote i). */
		ECMO_VENOVENOUS,
		/** ECMO with arterial return (VA, VAV) or for a cardiovascular indication: respiratory and cardiovascular 4. */
		ECMO_VENOARTERIAL,
		/** ECMO whose configuration is not recorded: respiratory 4 only, flagged. */
		ECMO_UNSPECIFIED,
		/** IABP, left-ventricular assist device, microaxial flow pump (footnote n). */
		CIRCULATORY_SUPPORT,
		/** Right-ventricular assist device alone: not in Table 2's list, recorded and flagged, never scored (E8). */
		RIGHT_VENTRICULAR_ASSIST,
		/** Renal replacement therapy for a renal indication (CRRT, intermittent HD, SLED, PD). */
		RENAL_REPLACEMENT,
		/** Blood purification for a non-renal reason only (footnote o): recorded, never scored. */
		NON_RENAL_PURIFICATION;

		boolean ecmo() {
			return this == ECMO_VENOVENOUS || this == ECMO_VENOARTERIAL || this == ECMO_UNSPECIFIED;
		}
	}

	public OrganSupport {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(start, "start");
		if (end != null && end.isBefore(start)) {
			throw new IllegalArgumentException("support ends before it starts");
		}
	}

	/** End, or the later of start and {@code openEnd} when still running. */
	Instant endOr(Instant openEnd) {
		return end != null ? end : start.isAfter(openEnd) ? start : openEnd;
	}

	/** Running at {@code time}: start ≤ time ≤ end (a reading at the end still sees the support). */
	boolean covers(Instant time) {
		return !time.isBefore(start) && (end == null || !time.isAfter(end));
	}

	boolean overlaps(DayWindow window) {
		Instant e = endOr(window.end());
		return e.equals(start) ? window.contains(start) : !window.overlap(start, e).isZero();
	}
}
