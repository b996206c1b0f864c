package org.trialfhir.scoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One infusion period at one rate (a MedicationAdministration with {@code effectivePeriod} and
 * {@code dosage.rateQuantity}). A titration is a sequence of periods.
 *
 * @param rateUgPerKgMin rate in µg/kg/min (γ); convert mass rates with the body weight first
 * @param end            end of the period, null while still running (treated as running until the day's end)
 * @param source         opaque id, e.g. {@code MedicationAdministration/7}
 * @param productCodes   the codes of the medication's codings other than the trial's RxNorm codes (a site's product
 *                       code, which SOFA-2 maps to a norepinephrine salt, E10); empty when none
 */
public record VasopressorInfusion(Vasopressor agent, double rateUgPerKgMin, Instant start, Instant end,
		String source, Set<String> productCodes) {

	public VasopressorInfusion(Vasopressor agent, double rateUgPerKgMin, Instant start, Instant end, String source) {
		this(agent, rateUgPerKgMin, start, end, source, Set.of());
	}

	public VasopressorInfusion {
		Objects.requireNonNull(agent, "agent");
		Objects.requireNonNull(start, "start");
		if (end != null && end.isBefore(start)) {
			throw new IllegalArgumentException("infusion ends before it starts");
		}
		rateUgPerKgMin = Round.six(rateUgPerKgMin);
		productCodes = productCodes == null ? Set.of() : Set.copyOf(productCodes);
	}
}
