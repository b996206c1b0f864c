package org.trialfhir.derive;

import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.scoring.OperativeStatus;

/**
 * One clinical (eCRF) item as recorded: a trial-ecrf code, when it was recorded (null = no effective time, applies
 * to every day), its value ({@link Boolean}, {@link OperativeStatus} for {@code operative-status}, {@link Double} kg
 * for {@code admission-weight}) and the
 * Observation it came from.
 */
record EcrfItem(String code, Instant time, Object value, String source) {

	/** The eCRF body weight at admission, {@code valueQuantity} in kg (SOFA-2's last weight fallback, E11). */
	static final String ADMISSION_WEIGHT = "admission-weight";
	/** Support or vasoactives unavailable or limited on the item's day (SOFA-2 footnotes h and m, E2). */
	static final String CEILING_OF_TREATMENT = "ceiling-of-treatment";

	/**
	 * The item of an eCRF Observation: {@code valueBoolean}, or for {@code operative-status} a
	 * {@code valueCodeableConcept} with a trial-ecrf code; empty when the value is absent or of another shape.
	 */
	static Optional<EcrfItem> of(String code, Type value, Instant time, String source) {
		Object item = null;
		if (code.equals("operative-status") && value instanceof CodeableConcept concept) {
			Coding status = Fhir.coding(concept, Fhir.ECRF);
			item = status == null ? null : operativeStatus(status.getCode());
		} else if (code.equals(ADMISSION_WEIGHT)) {
			item = value instanceof Quantity q && q.hasValue() && "kg".equals(q.getCode()) && q.getValue().signum() > 0
					? q.getValue().doubleValue() : null; // the profile requires kg; anything else is not recorded
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
