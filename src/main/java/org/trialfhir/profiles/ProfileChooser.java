package org.trialfhir.profiles;

import static org.trialfhir.profiles.TrialCanonicals.*;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

/**
 * Which trial profile applies to an Observation of an enrolled subject. A trial-score code means a derived score, a
 * trial-ecrf code an eCRF item; a trial-variable code a vital sign or a lab result by its category (or, without one of
 * those categories, by the variable's usual category, so that the missing category gets reported). Any other
 * Observation gets no trial profile: hospitals may send codes the trial does not use, and those are not rejected.
 */
final class ProfileChooser {

	private ProfileChooser() {}

	static Optional<String> profileFor(Observation obs) {
		if (hasSystem(obs.getCode(), CS_TRIAL_SCORE)) {
			return Optional.of(TRIAL_DERIVED_SCORE);
		}
		if (hasSystem(obs.getCode(), CS_TRIAL_ECRF)) {
			return Optional.of(TRIAL_ECRF_ITEM);
		}
		return UnitRule.find(obs.getCode()).map(match -> {
			if (hasCategory(obs, "vital-signs")) {
				return TRIAL_VITAL_SIGN;
			}
			if (hasCategory(obs, "laboratory")) {
				return TRIAL_LAB_RESULT;
			}
			return match.variable().vitalSign() ? TRIAL_VITAL_SIGN : TRIAL_LAB_RESULT;
		});
	}

	private static boolean hasSystem(CodeableConcept concept, String system) {
		return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()));
	}

	private static boolean hasCategory(Observation obs, String code) {
		return obs.getCategory().stream().flatMap(c -> c.getCoding().stream())
				.anyMatch(c -> OBSERVATION_CATEGORY.equals(c.getSystem()) && code.equals(c.getCode()));
	}
}
