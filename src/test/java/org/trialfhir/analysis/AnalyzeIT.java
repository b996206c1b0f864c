package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.WorkerOffServerTest;
import org.w3c.dom.Document;

/**
 * {@code $analyze} over HTTP on the trial trial.R generated, stored as FHIR: every number in JSON, XML and CSV equals
 * R's (expected.csv) within 1e-6; the HTML report is well-formed with its SVG charts; bad input gets a 400.
 */
@WorkerOffServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeIT {

	private static final FhirContext FHIR = FhirTestClient.context();
	private static final List<String> ARMS = List.of("rTM", "control");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DaoRegistry daos;

	private String study;

	@BeforeAll
	void loadTheRTrial() {
		study = RTrialLoader.load(daos, "an-", false, RTrial.load());
		RTrialLoader.keepScoresAsStored(jdbc);
	}

	@Test
	void jsonParametersEqualR() {
		Response response = analyze(TestRole.INVESTIGATOR).get(path());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/fhir+json");
		Parameters parameters = FHIR.newJsonParser().parseResource(Parameters.class, response.asString());
		LongRows.expected().assertMatches(ParametersRows.of(parameters, ARMS));
		// contract: 2 arm, 1 mortality, 7 variables x 10 days comparisons, 7 x 2 changes, 1 dic-resolution, 5 safety
		assertThat(ParametersRows.count(parameters)).containsEntry("arm", 2L).containsEntry("mortality", 1L)
				.containsEntry("comparison", 70L).containsEntry("change", 14L).containsEntry("dic-resolution", 1L)
				.containsEntry("safety", 5L);
	}

	@Test
	void xmlParametersEqualR() {
		Response response = analyze(TestRole.INVESTIGATOR).queryParam("_format", "xml").get(path());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/fhir+xml");
		Parameters parameters = FHIR.newXmlParser().parseResource(Parameters.class, response.asString());
		LongRows.expected().assertMatches(ParametersRows.of(parameters, ARMS));
	}

	@ParameterizedTest
	@ValueSource(strings = {"_format=csv", "_format=text/csv", "Accept: text/csv"})
	void csvEqualsR(String how) {
		Response response = negotiated(how).get(path());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/csv");
		// the study's flow and Table 1 are not in R's reference results: AnalyzeConsortIT checks them
		String comparisons = response.asString().lines()
				.filter(line -> !line.startsWith("consort,") && !line.startsWith("baseline,"))
				.collect(java.util.stream.Collectors.joining("\r\n", "", "\r\n"));
		LongRows.expected().assertMatches(LongRows.parseCsv(comparisons));
	}

	@ParameterizedTest
	@ValueSource(strings = {"_format=html", "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
	void htmlReportIsWellFormedWithSvgCharts(String how) throws Exception {
		Response response = negotiated(how).get(path());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document html = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
				response.asString().getBytes(StandardCharsets.UTF_8)));
		// the CONSORT diagram, one Kaplan-Meier chart and one chart per default variable (6 scores + platelets)
		assertThat(html.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(9);
		assertThat(html.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "script").getLength()).isZero();
		assertThat(response.asString()).contains("R reference trial (an-)", "42 randomized subjects");
	}

	@Test
	void postedParametersChooseVariablesAndDays() {
		Parameters in = new Parameters();
		in.addParameter().setName("variable").setValue(new org.hl7.fhir.r4.model.Coding(
				AnalysisVariable.TRIAL_SCORE, "sofa", null));
		in.addParameter().setName("day").setValue(new org.hl7.fhir.r4.model.IntegerType(3));
		in.addParameter().setName("day").setValue(new org.hl7.fhir.r4.model.IntegerType(1));
		Response response = analyze(TestRole.INVESTIGATOR).contentType("application/fhir+json")
				.body(FHIR.newJsonParser().encodeResourceToString(in)).post(path());
		assertThat(response.statusCode()).isEqualTo(200);
		Parameters out = FHIR.newJsonParser().parseResource(Parameters.class, response.asString());
		// day 1 and 3 of SOFA only; the numbers are R's for those rows
		assertThat(ParametersRows.count(out)).containsEntry("comparison", 2L).containsEntry("change", 2L);
		LongRows rows = ParametersRows.of(out, ARMS);
		LongRows.expected().assertContains(rows);
		assertThat(rows.values()).containsKey("comparison,http://trialfhir.org/fhir/CodeSystem/trial-score|sofa,"
				+ "3.000000000,,ranksum-p").containsKey("change,http://trialfhir.org/fhir/CodeSystem/trial-score|sofa,"
						+ "10.000000000,rTM,signedrank-p");
	}

	@ParameterizedTest
	@ValueSource(strings = {"day=0", "day=abc", "day=1,,2", "variable=http://loinc.org|0000-0", "variable=nonsense",
		"mortality-day=x", "resolution-day=1", "baseline-day=5&followup-day=5", "baseline-day=1&baseline-day=2",
		"colour=blue", "_format=pdf", "_format=csv&_format=html"})
	void badParametersGet400WithOperationOutcome(String query) {
		Response response = analyze(TestRole.INVESTIGATOR).get(path() + "?" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.asString());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
	}

	@Test
	void unknownStudyIs404() {
		assertThat(analyze(TestRole.INVESTIGATOR).get("/ResearchStudy/an-nothing/$analyze").statusCode())
				.isEqualTo(404);
	}

	@Test
	void researchTokenMayNotRunIt() {
		assertThat(analyze(TestRole.RESEARCH).get(path()).statusCode()).isEqualTo(403);
	}

	private io.restassured.specification.RequestSpecification negotiated(String how) {
		io.restassured.specification.RequestSpecification request = analyze(TestRole.INVESTIGATOR);
		if (how.startsWith("Accept: ")) {
			return request.header("Accept", how.substring("Accept: ".length()));
		}
		String[] parameter = how.split("=", 2);
		return request.queryParam(parameter[0], parameter[1]);
	}

	private io.restassured.specification.RequestSpecification analyze(TestRole role) {
		return FhirTestClient.http(port, role).urlEncodingEnabled(true);
	}

	private String path() {
		return "/ResearchStudy/" + study + "/$analyze";
	}
}
