package org.trialfhir.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * APACHE II: total = aps + agePoints + chronicPoints (missing counted 0). Components (APS items): temperature,
 * map, heart_rate, resp_rate, oxygenation, acid_base, sodium, potassium, creatinine, hematocrit, wbc, gcs.
 * {@code missing} also lists {@code age_points} / {@code chronic_points} when age or chronic health is not
 * recorded (then null here).
 */
public record ApacheIIResult(int total, int aps, Integer agePoints, Integer chronicPoints,
		Map<String, Integer> components, List<String> missing, Set<Flag> flags,
		List<String> notes, Set<String> sources) implements ScoreResult {

	@Override
	public String code() {
		return "apache-ii";
	}
}
