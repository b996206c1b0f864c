package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.trialfhir.scoring.DayInputs;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.Scores;

/** Reading a derived score Observation in the derivation ITs. */
final class DerivedScoreAssertions {

	private DerivedScoreAssertions() {}

	/** How many scores a derivation stores per subject and day with data: one per score {@code Scores.all} computes. */
	static int scoresADay() {
		return Scores.all(DayInputs.builder(DayWindow.studyDay(Instant.EPOCH, 1)).build()).size();
	}

	static Observation.ObservationComponentComponent component(Observation o, String code) {
		return o.getComponent().stream().filter(c -> c.getCode().getCodingFirstRep().getCode().equals(code))
				.findFirst().orElseThrow(() -> new AssertionError("no component " + code));
	}

	static void assertAbsent(Observation.ObservationComponentComponent c) {
		assertThat(c.hasValue()).isFalse();
		assertThat(c.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
	}

	static List<String> references(List<Reference> references) {
		return references.stream().map(Reference::getReference).toList();
	}
}
