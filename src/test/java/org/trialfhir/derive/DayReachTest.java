package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.derive.Records.at;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.trialfhir.hapisql.StoredInputs.ObservationWindow;

/**
 * Which Observations a derivation of some days reads, worked out from the score definitions (docs/scores-spec.md)
 * for the subject of {@link Records} (day d = T0 + 24(d−1) h … T0 + 24d h).
 */
class DayReachTest {

	@Test
	void aRangeOfDaysReadsTheDayBeforeItsFirstAndTheTwoHoursAfterItsLast() {
		ObservationWindow window = DayReach.inputsOf(Records.subject(), DaySelection.range(3, 4));

		// day 3 starts at T0 + 48 h: JAAM's platelet fall compares a day-3 count with one up to 24 h before it
		assertThat(reads(window, at(48 - 24))).isTrue();
		// FiO₂ charted 4 h before a gas at the start of day 3 is paired with it
		assertThat(reads(window, at(48 - 4))).isTrue();
		// SOFA-2's 24-h urine window ending at day 3's first hour (T0 + 49 h) starts at T0 + 25 h
		assertThat(reads(window, at(25))).isTrue();
		// day 4 ends at T0 + 96 h: a P/F 60 min later makes its last reading transient (E4)
		assertThat(reads(window, at(96 + 1))).isTrue();
		// nothing a day-3 or day-4 score reads lies further out
		assertThat(reads(window, at(48 - 25))).isFalse();
		assertThat(reads(window, at(96 + 3))).isFalse();
	}

	@Test
	void anOpenRangeReadsEverythingAfterTheDayBeforeItsFirstDay() {
		ObservationWindow window = DayReach.inputsOf(Records.subject(), DaySelection.range(2, null));

		assertThat(window.from()).isEqualTo(at(0));
		assertThat(window.to()).isNull();
	}

	@Test
	void explicitDaysReadEverything() {
		assertThat(DayReach.inputsOf(Records.subject(), DaySelection.days(new TreeSet<>(List.of(1, 5))))).isNull();
	}

	@Test
	void weightsGcsAndEcrfItemsAreReadWhateverTheirTime() {
		// the body weight (dose rates, SOFA-2 urine), the GCS and its motor part (the last before a sedation
		// episode, however old), every eCRF item (the latest before the day ends)
		assertThat(DayReach.ANY_TIME).extracting(c -> c.getSystem() + "|" + c.getCode()).contains(
				"http://loinc.org|29463-7", "http://loinc.org|9269-2", "http://loinc.org|9268-4",
				"http://trialfhir.org/fhir/CodeSystem/trial-ecrf|null");
		assertThat(DayReach.ANY_TIME).filteredOn(c -> !c.hasCode()).extracting(Coding::getSystem)
				.containsExactly("http://trialfhir.org/fhir/CodeSystem/trial-ecrf");
	}

	private static boolean reads(ObservationWindow window, Instant time) {
		return !time.isBefore(window.from()) && (window.to() == null || !time.isAfter(window.to()));
	}
}
