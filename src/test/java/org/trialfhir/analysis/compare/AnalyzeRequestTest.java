package org.trialfhir.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.units.TrialVariable;

/** The parameters of $analyze: docs/api.md §5.2 defaults, and a 400 naming the parameter for anything else. */
class AnalyzeRequestTest {

	@Test
	void defaultsAreTheContractsOnes() {
		AnalyzeRequest request = AnalyzeRequest.defaults();
		assertThat(request.variables()).extracting(AnalysisVariable::token).containsExactly(
				"http://trialfhir.org/fhir/CodeSystem/trial-score|sofa",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|apache-ii",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|sirs",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|jaam-dic",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|isth-dic",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|jmhw-dic", "http://loinc.org|777-3");
		assertThat(request.days()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(List.of(request.baselineDay(), request.followupDay(), request.mortalityDay(),
				request.resolutionDay())).containsExactly(1, 10, 28, 7);
	}

	@Test
	void variablesAndDaysMayRepeatOrBeCommaSeparated() {
		AnalyzeRequest request = AnalyzeRequest.from(Map.of(
				"variable", List.of("http://loinc.org|26515-7,sofa", "http://trialfhir.org/fhir/CodeSystem/trial-score|sofa"),
				"day", List.of("7", "3,1", "3"), "_format", List.of("csv")));
		assertThat(request.variables()).extracting(AnalysisVariable::token)
				.containsExactly("http://loinc.org|26515-7", "http://trialfhir.org/fhir/CodeSystem/trial-score|sofa");
		assertThat(request.variables().get(0).measured()).isEqualTo(TrialVariable.PLATELETS);
		assertThat(request.days()).containsExactly(1, 3, 7);
		// scores are needed for the days asked for, baseline 1, follow-up 10 and the resolution day 7
		assertThat(request.scoredDays()).containsExactly(1, 3, 7, 10);
	}

	@Test
	void theNewScoresAreVariablesButNotDefaults() {
		AnalyzeRequest request = AnalyzeRequest.from(Map.of("variable", List.of("sic,jaam-2-dic",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|sofa-2")));
		assertThat(request.variables()).extracting(AnalysisVariable::token).containsExactly(
				"http://trialfhir.org/fhir/CodeSystem/trial-score|sic",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|jaam-2-dic",
				"http://trialfhir.org/fhir/CodeSystem/trial-score|sofa-2");
		assertThat(request.variables()).extracting(AnalysisVariable::label).containsExactly("SIC", "JAAM-2 DIC",
				"SOFA-2");
		assertThat(request.variables()).allMatch(AnalysisVariable::isScore);
		assertThat(AnalyzeRequest.defaults().variables()).extracting(AnalysisVariable::code)
				.doesNotContain("sic", "jaam-2-dic", "sofa-2");
	}

	@Test
	void dicResolutionFollowsJaamByDefaultOrTheResolutionScore() {
		assertThat(AnalyzeRequest.defaults().resolutionScore()).isEqualTo("jaam-dic");
		for (String code : List.of("jaam-dic", "jaam-2-dic", "sic", "isth-dic")) {
			assertThat(AnalyzeRequest.from(Map.of("resolution-score", List.of(code))).resolutionScore()).isEqualTo(code);
		}
		assertThat(AnalyzeRequest.from(Map.of("resolution-score",
				List.of("http://trialfhir.org/fhir/CodeSystem/trial-score|sic"))).resolutionScore()).isEqualTo("sic");
	}

	@Test
	void aResolutionScoreThatIsNotADicScoreIsRefusedByName() {
		// unknown, a score without a diagnosis, another system, empty, blank, given twice
		for (String bad : List.of("qsofa", "sofa", "jmhw-dic", "http://example.org|sic", "", " ")) {
			assertThatThrownBy(() -> AnalyzeRequest.from(Map.of("resolution-score", List.of(bad))))
					.as(bad).isInstanceOfSatisfying(TrialFhirException.class, e -> {
						assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
						assertThat(e.location()).isEqualTo("resolution-score");
						assertThat(e.getMessage()).contains(bad.isBlank() ? "empty" : "'" + bad + "'")
								.contains("jaam-dic, jaam-2-dic, sic, isth-dic");
					});
		}
		assertInvalid(Map.of("resolution-score", List.of("sic", "jaam-2-dic")), "resolution-score");
		assertInvalid(Map.of("resolution-score", List.of("sic,jaam-2-dic")), "resolution-score");
	}

	@Test
	void trialLabCodesAreVariablesToo() {
		assertThat(AnalysisVariable.parse("http://trialfhir.org/fhir/CodeSystem/trial-lab|hmgb1").orElseThrow()
				.measured()).isEqualTo(TrialVariable.HMGB1);
	}

	@Test
	void badInputNamesTheParameter() {
		assertInvalid(Map.of("day", List.of("0")), "day");
		assertInvalid(Map.of("day", List.of("x")), "day");
		assertInvalid(Map.of("mortality-day", List.of("367")), "mortality-day");
		assertInvalid(Map.of("variable", List.of("http://loinc.org|0000-0")), "variable");
		assertInvalid(Map.of("variable", List.of("http://example.org|sofa")), "variable");
		assertInvalid(Map.of("resolution-day", List.of("1")), "resolution-day");
		assertInvalid(Map.of("baseline-day", List.of("4"), "followup-day", List.of("4")), "followup-day");
		assertInvalid(Map.of("followup-day", List.of("9", "10")), "followup-day");
		assertInvalid(Map.of("days", List.of("1")), "days");
		assertInvalid(Map.of("day", List.of("1,,2")), "day");
	}

	private static void assertInvalid(Map<String, List<String>> parameters, String location) {
		assertThatThrownBy(() -> AnalyzeRequest.from(parameters)).isInstanceOfSatisfying(TrialFhirException.class, e -> {
			assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
			assertThat(e.location()).isEqualTo(location);
		});
	}
}
