package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.UUID;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.WorkerOffServerTest;

/**
 * {@code $analyze} derives missing and stale days before it reads them. The background worker is off here, and no
 * {@code $derive-scores} is called, so only {@code $analyze} itself can have derived what it reports. Expected
 * totals are the hand-worked ones of {@link SepticDicCaseScores} for {@link SepticDicCase} (one subject, arm rTM).
 */
@WorkerOffServerTest
class AnalyzeDerivesFirstIT {

	@LocalServerPort
	int port;

	@Test
	void analyzeDerivesMissingDaysAndReDerivesChangedOnesBeforeReadingThem() {
		SepticDicCase patient = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8));
		FhirTestClient.fhir(port).transaction().withBundle(patient.build()).execute();

		Parameters missing = analyze(patient, "sofa", 1, 3);
		assertThat(rtmMedian(missing, 1)).isEqualTo(SepticDicCaseScores.SOFA[0]);
		assertThat(rtmMedian(missing, 3)).isEqualTo(SepticDicCaseScores.SOFA[2]);
		assertThat(rtmMedian(analyze(patient, "jaam-dic", 9), 9)).isEqualTo(SepticDicCaseScores.JAAM[8]);

		FhirTestClient.fhir(port).delete().resourceById("Observation", patient.observationId(9, "ddimer")).execute();
		// day 9 JAAM without its only fibrin marker: 0 (DeriveScoresIT.deletingAnInputReDerivesItsDay)
		assertThat(rtmMedian(analyze(patient, "jaam-dic", 9), 9)).isZero();
	}

	private Parameters analyze(SepticDicCase patient, String score, int... days) {
		var request = FhirTestClient.http(port, TestRole.INVESTIGATOR).queryParam("variable", score);
		for (int day : days) {
			request = request.queryParam("day", day);
		}
		Response response = request.get("/ResearchStudy/" + patient.studyId() + "/$analyze");
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
	}

	/** The rTM (first arm) median of the day's comparison; the only subject's value. */
	private static double rtmMedian(Parameters parameters, int day) {
		Parameters.ParametersParameterComponent comparison = parameters.getParameter().stream()
				.filter(p -> p.getName().equals("comparison"))
				.filter(p -> Integer.toString(day).equals(part(p, "day"))).findFirst().orElseThrow();
		assertThat(part(comparison, "arm-1-n")).isEqualTo("1");
		return Double.parseDouble(part(comparison, "arm-1-median"));
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow()
				.getValue().primitiveValue();
	}
}
