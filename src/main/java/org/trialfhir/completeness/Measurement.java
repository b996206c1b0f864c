package org.trialfhir.completeness;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.trialfhir.units.TrialVariable;

/**
 * One stored Observation of a subject's patient as the check reads it.
 *
 * @param reference {@code Observation/<id>}
 * @param codes     every {@code system|code} of Observation.code
 * @param variable  the trial variable of the code, or null
 * @param time      effectiveDateTime, effectiveInstant or effectivePeriod.start; null without one
 * @param stored    meta.lastUpdated
 * @param value     valueQuantity, or null (a dataAbsentReason, another value type)
 * @param hasValue  carries a value of any type
 * @param counted   final, amended or corrected: a value the trial counts (a preliminary one awaits adjudication)
 */
record Measurement(String reference, List<String> codes, TrialVariable variable, Instant time, Instant stored,
		Quantity value, boolean hasValue, boolean counted) {

	private static final Set<Observation.ObservationStatus> COUNTED = Set.of(Observation.ObservationStatus.FINAL,
			Observation.ObservationStatus.AMENDED, Observation.ObservationStatus.CORRECTED);

	static Measurement of(Observation observation) {
		List<String> codes = observation.getCode().getCoding().stream().filter(c -> c.hasSystem() && c.hasCode())
				.map(c -> c.getSystem() + "|" + c.getCode()).toList();
		TrialVariable variable = observation.getCode().getCoding().stream()
				.map(c -> TrialVariable.byCode(c.getSystem(), c.getCode()).orElse(null)).filter(v -> v != null)
				.findFirst().orElse(null);
		Instant time = null;
		if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
			time = observation.getEffectiveDateTimeType().getValue().toInstant();
		} else if (observation.hasEffectiveInstantType()) {
			time = observation.getEffectiveInstantType().getValue().toInstant();
		} else if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().getStart() != null) {
			time = observation.getEffectivePeriod().getStart().toInstant();
		}
		Instant stored = observation.getMeta().getLastUpdated() == null ? null
				: observation.getMeta().getLastUpdated().toInstant();
		return new Measurement(observation.getIdElement().toUnqualifiedVersionless().getValue(), codes, variable, time,
				stored, observation.hasValueQuantity() ? observation.getValueQuantity() : null, observation.hasValue(),
				COUNTED.contains(observation.getStatus()));
	}

	boolean counts(ExpectedItem item) {
		return codes.stream().anyMatch(item.codes()::contains);
	}
}
