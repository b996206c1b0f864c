package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

class DeriveScoresRequestTest {

	@Test
	void defaultsAreEveryDayWithDataAndAllScores() {
		DeriveScoresRequest r = DeriveScoresRequest.from(null, null);
		assertThat(r.scores()).containsExactlyInAnyOrder("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic",
				"jmhw-dic", "sofa-2");
		assertThat(r.days().toScore(new TreeSet<>(Set.of(1, 3)))).containsExactly(1, 3);
		assertThat(r.days().removesWhenEmpty(2)).isTrue();
	}

	@Test
	void explicitDaysAreScoredEvenWithoutDataAndRemoveNothing() {
		DeriveScoresRequest r = DeriveScoresRequest.from(List.of(new IntegerType(4), new IntegerType(2)),
				List.of(new CodeType("sofa")));
		assertThat(r.days().toScore(new TreeSet<>(Set.of(1)))).containsExactly(2, 4);
		assertThat(r.days().removesWhenEmpty(2)).isFalse();
		assertThat(r.scores()).containsExactly("sofa");
	}

	@Test
	void dayBelowOneAndUnknownScoresAreInvalidInput() {
		assertThatThrownBy(() -> DeriveScoresRequest.from(List.of(new IntegerType(0)), null))
				.isInstanceOfSatisfying(TrialFhirException.class,
						e -> assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT));
		assertThatThrownBy(() -> DeriveScoresRequest.from(null, List.of(new CodeType("qsofa"))))
				.isInstanceOfSatisfying(TrialFhirException.class,
						e -> assertThat(e.getMessage()).contains("qsofa").contains("jaam-dic"));
	}

	@Test
	void aDayAfterTheLastStudyDayIsInvalidInput() {
		DeriveScoresRequest.from(List.of(new IntegerType(366)), null);
		assertThatThrownBy(() -> DeriveScoresRequest.from(List.of(new IntegerType(367)), null))
				.isInstanceOfSatisfying(TrialFhirException.class, e -> {
					assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
					assertThat(e.location()).isEqualTo("Parameters.parameter.where(name = 'day')");
					assertThat(e.getMessage()).contains("367").contains("366");
				});
	}

	@Test
	void aRangeScoresItsDaysWithDataOnly() {
		DaySelection range = DaySelection.range(0, 3);
		assertThat(range.toScore(new TreeSet<>(Set.of(1, 2, 4)))).containsExactly(1, 2);
		assertThat(range.removesWhenEmpty(3)).isTrue();
		assertThat(range.removesWhenEmpty(4)).isFalse();
	}
}
