package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.trialfhir.hapisql.Deaths;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.units.UnitConverter;

/**
 * A subject's days classified by hand from the rules of docs/data-quality.md: a day needs its number of counted
 * (final, amended, corrected) values inside [T0 + 24(d−1) h, T0 + 24d h); a preliminary value is said but not counted;
 * a day that starts after the death is not applicable; vital status is known from the dated death.
 */
class SubjectDaysTest {

	private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
	private static final long HOUR = 3_600;
	private static final String HEART_RATE = "http://loinc.org|8867-4";
	private static final ExpectedItem TWICE_DAILY_HEART_RATE = new ExpectedItem("heart-rate", "Heart rate",
			List.of(HEART_RATE), new TreeSet<>(List.of(1, 2, 3)), 2, false);
	private static final ExpectedItem VITAL_STATUS = new ExpectedItem("vital-status", "Vital status", List.of(),
			new TreeSet<>(List.of(3)), 1, true);
	private static final Enrolment SUBJECT = new Enrolment("rs-1", "study-1", "p-1", T0, null, null, "on-study");

	@Test
	void eachDayIsJudgedByItsOwnCountedValuesAndADayAfterDeathIsNotApplicable() {
		List<Observation> stored = List.of(
				heartRate("o1", 1, Observation.ObservationStatus.FINAL), // day 1: [T0, T0 + 24 h)
				heartRate("o2", 5, Observation.ObservationStatus.AMENDED), // day 1
				heartRate("o3", 25, Observation.ObservationStatus.FINAL), // day 2
				heartRate("o4", 30, Observation.ObservationStatus.PRELIMINARY), // day 2, awaiting adjudication
				heartRate("o5", 47, Observation.ObservationStatus.ENTEREDINERROR)); // day 2, void
		Instant died = T0.plusSeconds(47 * HOUR); // before day 3 starts at T0 + 48 h
		List<CompletenessRow> rows = new ArrayList<>();
		List<CompletenessRow> findings = new ArrayList<>();

		SubjectDays.check(SUBJECT, new Deaths.Death("p-1", died), stored, List.of(TWICE_DAILY_HEART_RATE, VITAL_STATUS),
				new TreeSet<>(List.of(1, 2, 3)), T0.plusSeconds(10 * 24 * HOUR),
				new Plausibility(new CompletenessProperties(null)), UnitConverter.standard(), rows, findings);

		assertThat(rows).extracting(CompletenessRow::day, CompletenessRow::item, CompletenessRow::status)
				.containsExactly(
						tuple(1, "heart-rate", ItemStatus.RECEIVED),
						tuple(2, "heart-rate", ItemStatus.MISSING),
						tuple(3, "heart-rate", ItemStatus.NOT_APPLICABLE),
						tuple(3, "vital-status", ItemStatus.RECEIVED));
		assertThat(rows.get(1).detail()).isEqualTo("1 of 2 values; 1 preliminary value(s) not counted");
		assertThat(rows.get(2).detail()).startsWith("died ");
		assertThat(rows.get(3).focus()).isEqualTo("Patient/p-1");
	}

	@Test
	void aDayNotOverIsNotYetDueRatherThanMissing() {
		List<CompletenessRow> rows = new ArrayList<>();
		SubjectDays.check(SUBJECT, null, List.of(heartRate("o1", 1, Observation.ObservationStatus.FINAL)),
				List.of(TWICE_DAILY_HEART_RATE), new TreeSet<>(List.of(1)), T0.plusSeconds(23 * HOUR),
				new Plausibility(new CompletenessProperties(null)), UnitConverter.standard(), rows, new ArrayList<>());

		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.status()).isEqualTo(ItemStatus.NOT_YET_DUE);
			assertThat(row.detail()).isEqualTo("1 of 2 values");
		});
	}

	private static Observation heartRate(String id, long hoursAfterT0, Observation.ObservationStatus status) {
		Observation o = new Observation();
		o.setId("Observation/" + id);
		o.setStatus(status);
		o.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		o.setEffective(new DateTimeType(Date.from(T0.plusSeconds(hoursAfterT0 * HOUR))));
		o.setValue(new Quantity().setValue(new BigDecimal(90)).setSystem("http://unitsofmeasure.org").setCode("/min"));
		return o;
	}
}
