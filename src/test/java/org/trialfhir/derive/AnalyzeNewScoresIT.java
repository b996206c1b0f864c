package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.WorkerOffServerTest;

/**
 * {@code $analyze} on SIC and JAAM-2: as daily variables, and as the score DIC resolution follows
 * ({@code resolution-score}). One subject ({@link SepticDicCase}, arm rTM), so each median is that subject's value,
 * worked out by hand in {@link SepticDicCaseScores}.
 */
@WorkerOffServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeNewScoresIT {

	@LocalServerPort
	int port;

	SepticDicCase patient;

	@BeforeAll
	void pushThePatient() {
		patient = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8));
		FhirTestClient.fhir(port).transaction().withBundle(patient.build()).execute();
	}

	@Test
	void sicAndJaam2AreComparedByDayAndAsChangeFromBaseline() {
		Parameters out = analyze("variable=sic,jaam-2-dic&day=1&day=4&followup-day=9");
		assertThat(median(out, "sic", 1)).isEqualTo(SepticDicCaseScores.SIC[0]);
		assertThat(median(out, "sic", 4)).isEqualTo(SepticDicCaseScores.SIC[3]);
		assertThat(median(out, "jaam-2-dic", 4)).isEqualTo(SepticDicCaseScores.JAAM_2[3]);
		// change from day 1 to day 9: SIC 5 -> 0; JAAM-2 7 -> 1
		assertThat(Double.parseDouble(part(change(out, "sic"), "median-baseline"))).isEqualTo(SepticDicCaseScores.SIC[0]);
		assertThat(Double.parseDouble(part(change(out, "sic"), "median-followup"))).isEqualTo(SepticDicCaseScores.SIC[8]);
		assertThat(Double.parseDouble(part(change(out, "jaam-2-dic"), "median-baseline")))
				.isEqualTo(SepticDicCaseScores.JAAM_2[0]);
		assertThat(Double.parseDouble(part(change(out, "jaam-2-dic"), "median-followup")))
				.isEqualTo(SepticDicCaseScores.JAAM_2[8]);
	}

	@Test
	void dicResolutionFollowsTheResolutionScore() {
		// day 1: JAAM, JAAM-2 and SIC all diagnose DIC. Day 4: JAAM 5 and JAAM-2 5 still do; SIC 4 with coagulation
		// points 2 does not (the derivation rule): resolved by SIC only
		assertResolution("jaam-dic", null, 0);
		assertResolution("jaam-dic", "jaam-dic", 0);
		assertResolution("jaam-2-dic", "jaam-2-dic", 0);
		assertResolution("sic", "sic", 1);
		assertResolution("sic", "http://trialfhir.org/fhir/CodeSystem/trial-score|sic", 1);
	}

	@Test
	void theHtmlReportChartsTheNewScoresAskedFor() throws Exception {
		Response response = FhirTestClient.http(port, TestRole.INVESTIGATOR).get("/ResearchStudy/" + patient.studyId()
				+ "/$analyze?_format=html&variable=sic,jaam-2-dic,sofa&resolution-score=sic");
		assertThat(response.statusCode()).isEqualTo(200);
		var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		var html = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(response.asByteArray()));
		// one Kaplan-Meier chart, the CONSORT diagram and one daily chart per variable
		assertThat(html.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(5);
		assertThat(response.asString()).contains("<h3>SIC <small>http://trialfhir.org/fhir/CodeSystem/trial-score|sic",
				"<h3>JAAM-2 DIC <small>", "At risk: SIC on day 1; resolved: no SIC on day 7");
	}

	@Test
	void aBadResolutionScoreIsA400NamingIt() {
		for (String query : List.of("resolution-score=qsofa", "resolution-score=sofa", "resolution-score=",
				"resolution-score=sic&resolution-score=jaam-2-dic", "resolution-score=sic,jaam-2-dic",
				"resolution-score=" + "x".repeat(3000))) {
			Response response = FhirTestClient.http(port, TestRole.INVESTIGATOR)
					.get("/ResearchStudy/" + patient.studyId() + "/$analyze?" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			OperationOutcome outcome = FhirTestClient.context().newJsonParser().parseResource(OperationOutcome.class,
					response.asString());
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(query).contains("resolution-score");
		}
		Response unknown = FhirTestClient.http(port, TestRole.INVESTIGATOR)
				.get("/ResearchStudy/" + patient.studyId() + "/$analyze?resolution-score=qsofa");
		assertThat(unknown.asString()).contains("qsofa", "jaam-dic, jaam-2-dic, sic, isth-dic");
	}

	private void assertResolution(String expectedScore, String parameter, int resolved) {
		Parameters out = analyze("variable=sic&day=1&resolution-day=4"
				+ (parameter == null ? "" : "&resolution-score=" + parameter));
		Parameters.ParametersParameterComponent resolution = out.getParameter().stream()
				.filter(p -> p.getName().equals("dic-resolution")).findFirst().orElseThrow();
		assertThat(part(resolution, "score")).isEqualTo(expectedScore);
		assertThat(part(resolution, "day")).isEqualTo("4");
		Parameters.ParametersParameterComponent rtm = resolution.getPart().stream()
				.filter(p -> p.getName().equals("arm") && "rTM".equals(part(p, "arm"))).findFirst().orElseThrow();
		assertThat(part(rtm, "at-risk")).as(expectedScore).isEqualTo("1");
		assertThat(part(rtm, "resolved")).as(expectedScore).isEqualTo(Integer.toString(resolved));
	}

	private Parameters analyze(String query) {
		Response response = FhirTestClient.http(port, TestRole.INVESTIGATOR)
				.get("/ResearchStudy/" + patient.studyId() + "/$analyze?" + query);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
	}

	private static double median(Parameters out, String score, int day) {
		Parameters.ParametersParameterComponent comparison = out.getParameter().stream()
				.filter(p -> p.getName().equals("comparison") && isScore(p, score))
				.filter(p -> Integer.toString(day).equals(part(p, "day"))).findFirst().orElseThrow();
		assertThat(part(comparison, "arm-1-n")).isEqualTo("1");
		return Double.parseDouble(part(comparison, "arm-1-median"));
	}

	private static Parameters.ParametersParameterComponent change(Parameters out, String score) {
		return out.getParameter().stream().filter(p -> p.getName().equals("change") && isScore(p, score))
				.filter(p -> "rTM".equals(part(p, "arm"))).findFirst().orElseThrow();
	}

	private static boolean isScore(Parameters.ParametersParameterComponent p, String score) {
		return p.getPart().stream().anyMatch(part -> part.getName().equals("variable")
				&& part.getValue() instanceof org.hl7.fhir.r4.model.Coding c && score.equals(c.getCode()));
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError(parameter.getName() + " has no part " + name)).getValue()
				.primitiveValue();
	}
}
