package org.trialfhir.interim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.data.WorstOfDay;

/**
 * Who has a known primary outcome at this look: a subject who died before T0 + D days (D the mortality day), or who
 * reached T0 + D days by now without a period.end before it (alive at day D). A subject withdrawn or lost before day D
 * without a recorded death has no known outcome and is left out of the statistic (not counted as a survivor, as
 * {@code $analyze}'s proportion does): at an interim look the missing outcome would bias the comparison towards
 * no difference.
 *
 * @param arms         per arm of ResearchStudy.arm: subjects with a known outcome and deaths among them
 * @param randomized   every randomized subject
 * @param withdrawn    subjects whose outcome will stay unknown (period.end before day D, no death)
 */
record Outcomes(int mortalityDay, List<ArmOutcome> arms, int randomized, int withdrawn) {

	record ArmOutcome(String name, int n, int deaths) {
	}

	Outcomes {
		arms = List.copyOf(arms);
	}

	static Outcomes of(StudyData study, int mortalityDay, Instant now) {
		List<ArmOutcome> arms = new ArrayList<>();
		int withdrawn = 0;
		for (int arm = 0; arm < study.arms().size(); arm++) {
			int n = 0;
			int deaths = 0;
			for (Subject subject : study.inArm(arm)) {
				Instant horizon = subject.t0().plusMillis(mortalityDay * WorstOfDay.DAY_MILLIS);
				if (subject.death() != null && subject.death().isBefore(horizon)) {
					n++;
					deaths++;
				} else if (subject.periodEnd() != null && subject.periodEnd().isBefore(horizon)) {
					withdrawn++;
				} else if (!horizon.isAfter(now)) {
					n++;
				}
			}
			arms.add(new ArmOutcome(study.arms().get(arm), n, deaths));
		}
		return new Outcomes(mortalityDay, arms, study.subjects().size(), withdrawn);
	}

	int withOutcome() {
		return arms.stream().mapToInt(ArmOutcome::n).sum();
	}

	int deaths() {
		return arms.stream().mapToInt(ArmOutcome::deaths).sum();
	}
}
