package org.trialfhir.analysis.data;

import java.time.Instant;
import java.util.Map;
import org.trialfhir.scoring.Analyte;
import org.trialfhir.scoring.ApacheIIResult;
import org.trialfhir.scoring.ArterialGas;
import org.trialfhir.scoring.DayInputs;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.Measurement;
import org.trialfhir.scoring.Scores;
import org.trialfhir.units.TrialVariable;

/**
 * APACHE II points of one value of a two-sided variable, taken from the scoring package itself (a day holding only
 * that value, scored by {@link Scores#all}), so the analysis never keeps a second copy of the Knaus tables.
 */
final class ApachePoints {

	private static final Instant AT = Instant.EPOCH;
	private static final DayWindow DAY = DayWindow.studyDay(AT, 1);
	private static final Map<TrialVariable, String> COMPONENT = Map.of(
			TrialVariable.TEMPERATURE, "temperature", TrialVariable.HEART_RATE, "heart_rate",
			TrialVariable.RESP_RATE, "resp_rate", TrialVariable.PH, "acid_base", TrialVariable.HCO3, "acid_base",
			TrialVariable.SODIUM, "sodium", TrialVariable.POTASSIUM, "potassium",
			TrialVariable.HEMATOCRIT, "hematocrit", TrialVariable.WBC, "wbc");

	private ApachePoints() {
	}

	static boolean scores(TrialVariable variable) {
		return COMPONENT.containsKey(variable);
	}

	/** Points of {@code value} (canonical unit) for the variable's APACHE II component. */
	static int of(TrialVariable variable, double value) {
		String component = COMPONENT.get(variable);
		if (component == null) {
			throw new IllegalArgumentException(variable + " is not an APACHE II two-sided variable");
		}
		Measurement measurement = Measurement.of("analysis", AT, value);
		DayInputs.Builder day = DayInputs.builder(DAY);
		if (variable == TrialVariable.PH) {
			day.gas(new ArterialGas(AT, null, null, measurement, null, null, null));
		} else {
			day.add(Analyte.valueOf(variable.name()), measurement);
		}
		ApacheIIResult apache = Scores.all(day.build()).stream()
				.filter(ApacheIIResult.class::isInstance).map(ApacheIIResult.class::cast).findFirst().orElseThrow();
		Integer points = apache.components().get(component);
		return points == null ? 0 : points;
	}
}
