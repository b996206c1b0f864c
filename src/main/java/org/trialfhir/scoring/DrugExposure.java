package org.trialfhir.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * A drug SOFA-2 reads that is not a catecholamine dose (docs/scores-spec.md §14.2): a MedicationAdministration with
 * a positive rate over {@code [start, end)} (an infusion; {@code end} null = still running) or a single dose
 * ({@code end} equal to {@code start}).
 *
 * @param agent  the drug's name, lower case, e.g. {@code vasopressin}: infusions of one agent join into episodes
 * @param source opaque id, e.g. {@code MedicationAdministration/9}
 */
public record DrugExposure(Kind kind, String agent, Instant start, Instant end, String source) {

	/** Why SOFA-2 reads the drug. */
	public enum Kind {
		/** Continuous sedative infusion (propofol, midazolam, lorazepam, dexmedetomidine; E5). */
		SEDATIVE_INFUSION,
		/** Drug treatment for delirium (haloperidol, quetiapine, olanzapine, risperidone, ziprasidone; E6). */
		DELIRIUM_DRUG,
		/** Vasopressor or inotrope other than norepinephrine, epinephrine and dopamine, by infusion (E9). */
		OTHER_VASOACTIVE
	}

	public DrugExposure {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(agent, "agent");
		Objects.requireNonNull(start, "start");
		if (end != null && end.isBefore(start)) {
			throw new IllegalArgumentException("administration ends before it starts");
		}
	}

	/** End, or the later of start and {@code openEnd} when still running. */
	Instant endOr(Instant openEnd) {
		return end != null ? end : start.isAfter(openEnd) ? start : openEnd;
	}
}
