package org.trialfhir.analysis.data;

import java.time.Instant;
import java.util.Set;

/**
 * A bleeding AdverseEvent: its subject (a Patient id), its date, and its codes from CodeSystem bleeding-category
 * (in AdverseEvent.category or AdverseEvent.event).
 *
 * @param date AdverseEvent.date; null when not recorded (the event cannot be placed in the mortality window)
 */
public record BleedingEvent(String id, String patientId, Instant date, Set<String> categories) {

	public static final String SYSTEM = "http://trialfhir.org/fhir/CodeSystem/bleeding-category";
	/** The categories reported, in this order; {@code any} is any of the others. */
	public static final java.util.List<String> CATEGORIES = java.util.List.of("gastrointestinal", "intracranial",
			"pulmonary", "other", "any");

	public BleedingEvent {
		categories = Set.copyOf(categories);
	}

	public boolean is(String category) {
		return category.equals("any") ? !categories.isEmpty() : categories.contains(category);
	}
}
