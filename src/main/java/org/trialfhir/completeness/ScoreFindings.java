package org.trialfhir.completeness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.trialfhir.derive.ScoreDerivation;
import org.trialfhir.profiles.TrialCanonicals;

/**
 * Whether each derived score of a subject's day is complete, partial or indeterminate, read from the stored derived
 * Observations (the derivation's own result: a missing component carries dataAbsentReason {@code unknown}, and so
 * does a DIC diagnosis or JMHW category that the missing components leave open). Complete scores give no row.
 *
 * <ul>
 * <li>score-partial: components missing, the score's verdict (if it has one) still decided;
 * <li>score-indeterminate: no score at all that day (no input), every component missing, or the diagnosis / category
 * undecided.
 * </ul>
 */
final class ScoreFindings {

	private static final String UNKNOWN = "unknown";

	private ScoreFindings() {
	}

	/**
	 * @param derived    the subject's derived Observations
	 * @param missingWhy per day, the expected items missing that day (for the "why")
	 */
	static List<CompletenessRow> of(String subjectId, List<Observation> derived, List<Integer> days,
			Map<Integer, List<String>> missingWhy) {
		Map<String, Observation> byIdentifier = new HashMap<>();
		for (Observation o : derived) {
			o.getIdentifier().stream().filter(i -> TrialCanonicals.SID_DERIVED_SCORE.equals(i.getSystem()))
					.forEach(i -> byIdentifier.put(i.getValue(), o));
		}
		List<CompletenessRow> rows = new ArrayList<>();
		for (int day : days) {
			String why = missingWhy.getOrDefault(day, List.of()).isEmpty() ? ""
					: "; missing that day: " + String.join(", ", missingWhy.get(day));
			for (String score : ScoreDerivation.SCORE_CODES) {
				String item = TrialCanonicals.CS_TRIAL_SCORE + "|" + score;
				Observation o = byIdentifier.get(subjectId + "-" + score + "-" + day);
				if (o == null) {
					rows.add(new CompletenessRow(subjectId, day, item, score, ItemStatus.SCORE_INDETERMINATE, null,
							"not derived: no input of the score on this day" + why));
					continue;
				}
				String reference = o.getIdElement().toUnqualifiedVersionless().getValue();
				List<String> missing = new ArrayList<>();
				List<String> undecided = new ArrayList<>();
				int components = 0;
				for (ObservationComponentComponent c : o.getComponent()) {
					String code = c.getCode().getCodingFirstRep().getCode();
					boolean verdict = code.endsWith("-diagnosis") || code.endsWith("-category");
					boolean unknown = c.hasDataAbsentReason()
							&& UNKNOWN.equals(c.getDataAbsentReason().getCodingFirstRep().getCode());
					if (verdict || code.endsWith("-max-possible") || code.endsWith("-raw-total")) {
						if (verdict && unknown) {
							undecided.add(code);
						}
						continue;
					}
					components++;
					if (unknown) {
						missing.add(code);
					}
				}
				if (missing.isEmpty() && undecided.isEmpty()) {
					continue;
				}
				String detail = (missing.isEmpty() ? "" : "missing components: " + String.join(", ", missing))
						+ (undecided.isEmpty() ? "" : (missing.isEmpty() ? "" : "; ") + "undecided: "
								+ String.join(", ", undecided))
						+ why;
				boolean indeterminate = !undecided.isEmpty() || missing.size() == components;
				rows.add(new CompletenessRow(subjectId, day, item, score,
						indeterminate ? ItemStatus.SCORE_INDETERMINATE : ItemStatus.SCORE_PARTIAL, reference, detail));
			}
		}
		return rows;
	}
}
