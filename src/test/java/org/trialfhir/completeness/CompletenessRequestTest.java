package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

class CompletenessRequestTest {

	private static final Instant NOW = Instant.parse("2026-03-05T10:00:00Z");

	@Test
	void defaultsAreEveryDayOfTheScheduleEverySiteAndNow() {
		CompletenessRequest request = CompletenessRequest.from(Map.of(), NOW);
		assertThat(request.days()).isEmpty();
		assertThat(request.site()).isNull();
		assertThat(request.asOf()).isEqualTo(NOW);
	}

	@Test
	void daysSiteAndAsOfAreRead() {
		CompletenessRequest request = CompletenessRequest.from(Map.of("day", List.of("3", "1", "3"), "site",
				List.of("site-jp"), "as-of", List.of("2026-03-04T09:00:00+09:00"), "_format", List.of("csv")), NOW);
		assertThat(request.days()).containsExactly(1, 3);
		assertThat(request.site()).isEqualTo("site-jp");
		assertThat(request.asOf()).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
	}

	@Test
	void badInputNamesTheParameter() {
		refused(Map.of("day", List.of("-1")), "day");
		refused(Map.of("day", List.of("367")), "day");
		refused(Map.of("day", List.of("abc")), "day");
		refused(Map.of("day", List.of("1.5")), "day");
		refused(Map.of("day", IntStream.range(0, 400).mapToObj(i -> "1").toList()), "day");
		refused(Map.of("site", List.of(" ")), "site");
		refused(Map.of("site", List.of("a", "b")), "site");
		refused(Map.of("site", List.of("x".repeat(201))), "site");
		refused(Map.of("as-of", List.of("garbage")), "as-of");
		refused(Map.of("as-of", List.of("2026-03-04")), "as-of");
		refused(Map.of("as-of", List.of("2026-03-04T09:00:00")), "as-of");
		refused(Map.of("as-of", List.of("2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z")), "as-of");
		refused(Map.of("colour", List.of("red")), "colour");
	}

	private static void refused(Map<String, List<String>> parameters, String location) {
		assertThatThrownBy(() -> CompletenessRequest.from(parameters, NOW)).isInstanceOf(TrialFhirException.class)
				.satisfies(e -> assertThat(((TrialFhirException) e).kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT))
				.satisfies(e -> assertThat(((TrialFhirException) e).location()).isEqualTo(location));
	}
}
