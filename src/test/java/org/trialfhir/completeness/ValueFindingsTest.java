package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.trialfhir.completeness.CompletenessProperties.Bounds;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/** Each kind of implausible value, with values picked by hand around the documented defaults. */
class ValueFindingsTest {

	private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
	private static final Plausibility DEFAULTS = new Plausibility(new CompletenessProperties(null));

	@Test
	void aValueOutsideThePlausibleRangeIsAFindingInTheCanonicalUnit() {
		// 2,001 ×10⁹/L is above 2,000; 200.1 ×10⁴/µL is 2,001 ×10⁹/L too; 2,000 is not above it
		List<CompletenessRow> rows = findings(DEFAULTS, platelets("a", 2001, "10*9/L", 2), platelets("b", 200.1, "10*4/uL", 3),
				platelets("c", 2000, "10*9/L", 30));
		assertThat(rows).extracting(CompletenessRow::focus).containsExactly("Observation/a", "Observation/b");
		assertThat(rows).allMatch(r -> r.status() == ItemStatus.IMPLAUSIBLE && r.day() == 1
				&& r.item().equals("http://loinc.org|777-3"));
		assertThat(rows.get(1).detail()).contains("2001 10*9/L").contains("0..2000");
	}

	@Test
	void aJumpWithinADayIsAFindingAndAcrossDaysIsNot() {
		// 100 → 401 (+301) within day 1; 401 at 23 h → 50 at 25 h is day 1 → day 2: not compared; 50 → 351 (+301) on day 2
		List<CompletenessRow> rows = findings(DEFAULTS, platelets("a", 100, "10*9/L", 1), platelets("b", 401, "10*9/L", 23),
				platelets("c", 50, "10*9/L", 25), platelets("d", 351, "10*9/L", 26));
		assertThat(rows).extracting(CompletenessRow::focus, CompletenessRow::day)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("Observation/b", 1),
						org.assertj.core.groups.Tuple.tuple("Observation/d", 2));
		// exactly the plausible change is not a finding: 100 → 400
		assertThat(findings(DEFAULTS, platelets("a", 100, "10*9/L", 1), platelets("b", 400, "10*9/L", 2))).isEmpty();
	}

	@Test
	void theRangeAndTheJumpAreConfigurablePerVariable() {
		Plausibility strict = new Plausibility(new CompletenessProperties(Map.of("platelets", new Bounds(null, 500.0, 50.0))));
		List<CompletenessRow> rows = findings(strict, platelets("a", 100, "10*9/L", 1), platelets("b", 160, "10*9/L", 2),
				platelets("c", 600, "10*9/L", 30));
		assertThat(rows).extracting(CompletenessRow::focus).containsExactly("Observation/c", "Observation/b");
	}

	@Test
	void aRejectedUnitIsAFinding() {
		List<CompletenessRow> rows = findings(DEFAULTS, platelets("a", 150, "g/L", 2));
		assertThat(rows).singleElement().satisfies(r -> assertThat(r.detail()).startsWith("unit rejected")
				.contains("'g/L'"));
	}

	@Test
	void twoValuesAtTheSameTimeThatDifferAreAFindingTwoThatAgreeAreNot() {
		// 8.2 ×10⁴/µL = 82 ×10⁹/L: the same count in two units
		assertThat(findings(DEFAULTS, platelets("a", 82, "10*9/L", 2), platelets("b", 8.2, "10*4/uL", 2))).isEmpty();
		assertThat(findings(DEFAULTS, platelets("a", 82, "10*9/L", 2), platelets("b", 90, "10*9/L", 2)))
				.singleElement().satisfies(r -> assertThat(r.detail()).contains("duplicate time").contains("82"));
	}

	@Test
	void daysNotAskedForAreNotChecked() {
		assertThat(ValueFindings.of("s", T0, List.of(platelets("a", 5000, "10*9/L", 30)), Set.of(1), DEFAULTS,
				UnitConverter.standard())).isEmpty();
	}

	private static List<CompletenessRow> findings(Plausibility plausibility, Measurement... measurements) {
		return ValueFindings.of("s", T0, List.of(measurements), Set.of(1, 2), plausibility, UnitConverter.standard());
	}

	private static Measurement platelets(String id, double value, String unit, int hoursAfterT0) {
		return new Measurement("Observation/" + id, List.of("http://loinc.org|777-3"), TrialVariable.PLATELETS,
				T0.plus(Duration.ofHours(hoursAfterT0)), null,
				new Quantity().setValue(BigDecimal.valueOf(value)).setCode(unit), true, true);
	}
}
