package org.trialfhir.studyday;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/** Reads and writes the study-day extension (valueInteger) of an Observation. */
public final class StudyDayExtension {

	public static final String URL = "http://trialfhir.org/fhir/StructureDefinition/study-day";

	private StudyDayExtension() {}

	/** The time that places an Observation in a study day: effectiveDateTime/Instant, or the period's start. */
	public static Optional<Instant> effectiveTime(Observation observation) {
		Type effective = observation.getEffective();
		Date when = null;
		if (effective instanceof DateTimeType dateTime) {
			when = dateTime.getValue();
		} else if (effective instanceof InstantType instant) {
			when = instant.getValue();
		} else if (effective instanceof Period period) {
			when = period.hasStart() ? period.getStart() : period.getEnd();
		}
		return Optional.ofNullable(when).map(Date::toInstant);
	}

	public static Optional<Integer> read(Observation observation) {
		Extension extension = observation.getExtensionByUrl(URL);
		return extension != null && extension.getValue() instanceof IntegerType day
				? Optional.ofNullable(day.getValue())
				: Optional.empty();
	}

	/**
	 * Sets the extension from T0 (or removes it when there is no T0 or no effective time); the server owns this
	 * extension, whatever a client sent. Returns whether the Observation changed.
	 */
	static boolean stamp(Observation observation, Optional<Instant> t0) {
		Optional<Integer> day = t0.flatMap(start -> effectiveTime(observation).map(at -> StudyDays.dayOf(start, at)));
		boolean changed = !Objects.equals(read(observation), day)
				|| observation.getExtension().stream().filter(e -> URL.equals(e.getUrl())).count() > 1;
		if (changed) {
			observation.getExtension().removeIf(e -> URL.equals(e.getUrl()));
			day.ifPresent(n -> observation.addExtension(URL, new IntegerType(n)));
		}
		return changed;
	}
}
