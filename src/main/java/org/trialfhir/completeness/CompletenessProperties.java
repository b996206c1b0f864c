package org.trialfhir.completeness;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.trialfhir.units.TrialVariable;

/**
 * {@code trialfhir.completeness.*}: per trial variable (its id, e.g. {@code platelets}), the plausible range and the
 * largest change within one study day, in the variable's canonical unit. Each value given replaces the default of
 * {@link Plausibility#DEFAULTS} (docs/data-quality.md lists them); an unknown variable id fails the start.
 *
 * @param plausible variable id → bounds
 */
@ConfigurationProperties("trialfhir.completeness")
record CompletenessProperties(Map<String, Bounds> plausible) {

	CompletenessProperties {
		plausible = plausible == null ? Map.of() : Map.copyOf(plausible);
		plausible.keySet().forEach(id -> TrialVariable.byId(id.replace('-', '_'))
				.orElseThrow(() -> new IllegalArgumentException("trialfhir.completeness.plausible." + id
						+ ": not a trial variable id (e.g. platelets, pt_ratio)")));
	}

	/**
	 * @param min     lowest plausible value (null: the default)
	 * @param max     highest plausible value (null: the default)
	 * @param maxJump largest plausible change between two values of one study day (null: the default; a default of
	 *                none means not checked)
	 */
	record Bounds(Double min, Double max, Double maxJump) {
	}
}
