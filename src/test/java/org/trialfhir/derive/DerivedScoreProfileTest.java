package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.derive.Records.at;
import static org.trialfhir.derive.Records.ecrf;
import static org.trialfhir.derive.Records.quantity;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.trialfhir.profiles.TrialValidationResult;
import org.trialfhir.profiles.TrialValidator;

/** What $derive-scores writes conforms to profile TrialDerivedScore (and its extensions are defined). */
class DerivedScoreProfileTest {

	@Test
	void everyScoreOfADayWithGapsValidatesAgainstTrialDerivedScore() {
		TrialValidator validator = new TrialValidator(FhirContext.forR4Cached());
		// platelets with a comparator (flag), an INR used as PT ratio (flag), a ventilated gas (Procedure source),
		// nothing else: most components are missing (dataAbsentReason)
		InputTimeline t = Records.map(Records.subject(), List.of(
				quantity("plt", "777-3", "4.0", "10*4/uL", at(3)), quantity("inr", "6301-6", "1.4", "{INR}", at(3)),
				quantity("pao2", "2703-7", "70", "mm[Hg]", at(5)), quantity("fio2", "3150-0", "0.6", "1", at(5)),
				ecrf("ud", "underlying-disease", true, at(1))),
				List.of(Records.ventilation("mv", at(0), null)),
				List.of(Records.infusion("ne", "1745276", "0.2", "ug/kg/min", at(1), at(6))));
		for (DerivedScore score : ScoreComputation.compute(Records.subject(), t, List.of(1),
				Set.copyOf(ScoreDerivation.SCORE_CODES))) {
			Observation o = DerivedObservations.render(Records.subject(), 1, score.result(), score.sources());
			TrialValidationResult result = validator.validate(o, DerivedObservations.PROFILE);
			assertThat(result.errors()).as(score.result().code()).isEmpty();
		}
	}
}
