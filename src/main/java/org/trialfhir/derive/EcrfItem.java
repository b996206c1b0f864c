package org.trialfhir.derive;

import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.scoring.OperativeStatus;

/**
 * One clinical (eCRF) item as recorded: a trial-ecrf code, when it was recorded (null = no effective time, applies
 * to every day), its value ({@link Boolean}, or {@link OperativeStatus} for {@code operative-status}) and the
 * Observation it came from.
 */
record EcrfItem(String code, Instant time, Object value, String source) {

	/**
	 * The item of an eCRF Observation: {@code valueBoolean}, or for {@code operative-status} a
	 * {@code valueCodeableConcept} with a trial-ecrf code; empty when the value is absent or of another shape.
	 */
	static Optional<EcrfItem> of(String code, Type value, Instant time, String source) {
		Object item = null;
		if (code.equals("operative-status") && value instanceof CodeableConcept concept) {
			Coding status = Fhir.coding(concept, Fhir.ECRF);
			item = status == null ? null : operativeStatus(status.getCode());
		} else if (value instanceof BooleanType flag && flag.hasValue()) {
			item = flag.booleanValue();
		}
		return item == null ? Optional.empty() : Optional.of(new EcrfItem(code, time, item, source));
	}

	private static OperativeStatus operativeStatus(String code) {
		try {
			return OperativeStatus.fromCode(code);
		} catch (IllegalArgumentException unknown) {
			return null; // not one of the three statuses: not recorded
		}
	}
}
