package org.trialfhir.interim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@code $interim} on studies whose deaths per arm are known, every number worked by hand (z, p, risk difference and
 * its repeated confidence interval, conditional power) with the boundaries of rpact (src/test/resources/stats).
 *
 * <p>The main study: 40 planned, looks at 0.5 and 1, O'Brien-Fleming type, α = 0.05; 10 rTM (2 deaths) and 10 control
 * (6 deaths) randomized in March 2026, so every day-28 outcome is known: t = 20/40 = 0.5. By hand: p₁ = 0.2,
 * p₂ = 0.6, p̄ = 0.4, SE₀ = √(0.4·0.6·(1/10 + 1/10)) = √0.048, z = −0.4/√0.048 = −1.8257419 (z² = 3.3333 = Pearson's
 * χ² of [[2, 8], [6, 4]]), p = 2Φ(−1.8257419) = 0.0678892; unpooled SE = √(0.016 + 0.024) = 0.2; c₁ = 2.9625880 (rpact,
 * (0.5, 1)): RCI −0.4 ∓ 2.9625880·0.2 = (−0.9925176, 0.1925176); |z| &lt; c₁: continue. Conditional power, t = 0.5,
 * Z' = 1.8257419, B = Z'√0.5 = 1.2909944, c₂ = 1.9685956: current trend θ = Z'/√0.5 = 2.5819889,
 * 1 − Φ((1.9685956 − 1.2909944 − 1.2909944)/√0.5) = 0.8071575; null 1 − Φ((1.9685956 − 1.2909944)/√0.5) = 0.1689626.
 */
@TrialFhirServerTest
class InterimIT {

	private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

	@LocalServerPort
	int port;

	@Test
	void aLookEqualsTheNumbersWorkedByHand() {
		String study = study(false, 40);
		enrol(study, "rTM", 10, 2, 0);
		enrol(study, "control", 10, 6, 0);

		Parameters look = parameters(request(TestRole.INVESTIGATOR).get(path(study)));

		ParametersParameterComponent design = look.getParameter("design");
		assertThat(value(design, "spending")).isEqualTo("obrien-fleming");
		assertThat(value(design, "planned-subjects")).isEqualTo("40");
		List<ParametersParameterComponent> boundaries = parts(design, "boundary");
		assertThat(boundaries).hasSize(2);
		assertThat(number(boundaries.get(0), "z")).isCloseTo(2.9625880427, within(1e-6));
		assertThat(number(boundaries.get(0), "nominal-p")).isCloseTo(0.0030506455, within(1e-6));
		assertThat(number(boundaries.get(0), "alpha-spent")).isCloseTo(0.0030506455, within(1e-6));
		assertThat(number(boundaries.get(1), "z")).isCloseTo(1.9685956463, within(1e-6));
		assertThat(look.getParameter("look").getValue().primitiveValue()).isEqualTo("1");
		assertThat(look.getParameter("information-fraction").getValue().primitiveValue()).isEqualTo("0.5");

		ParametersParameterComponent statistic = look.getParameter("statistic");
		assertThat(value(statistic, "subjects-with-outcome")).isEqualTo("20");
		assertThat(value(statistic, "arm-1-n")).isEqualTo("10");
		assertThat(value(statistic, "arm-1-deaths")).isEqualTo("2");
		assertThat(value(statistic, "arm-2-n")).isEqualTo("10");
		assertThat(value(statistic, "arm-2-deaths")).isEqualTo("6");
		assertThat(number(statistic, "z")).isCloseTo(-1.8257419, within(1e-6));
		assertThat(number(statistic, "nominal-p")).isCloseTo(0.0678892, within(1e-6));
		assertThat(number(statistic, "risk-difference")).isCloseTo(-0.4, within(1e-12));
		assertThat(number(statistic, "risk-difference-lower")).isCloseTo(-0.9925176, within(1e-6));
		assertThat(number(statistic, "risk-difference-upper")).isCloseTo(0.1925176, within(1e-6));
		assertThat(value(statistic, "z-method")).contains("pooled");

		ParametersParameterComponent power = look.getParameter("conditional-power");
		assertThat(number(power, "under-current-trend")).isCloseTo(0.8071575, within(1e-6));
		assertThat(number(power, "under-null")).isCloseTo(0.1689626, within(1e-6));
		assertThat(look.getParameter("decision").getValue().primitiveValue()).isEqualTo("continue");
		assertThat(look.getParameter().stream().filter(p -> p.getName().equals("note"))
				.map(p -> p.getValue().primitiveValue())).anyMatch(note -> note.contains("advisory"));
	}

	@Test
	void aRecordedLookIsWhereTheNextOneSpendsItsAlpha() {
		String study = study(false, 40);
		enrol(study, "rTM", 10, 2, 0);
		enrol(study, "control", 10, 6, 0);

		Response recorded = request(TestRole.ADMIN).contentType("application/fhir+json")
				.body(FhirTestClient.json(new Parameters().addParameter("record", new BooleanType(true))))
				.post(path(study));
		assertThat(recorded.statusCode()).as(recorded.asString()).isEqualTo(200);
		Bundle looks = FhirTestClient.fhir(port).search().forResource(Basic.class)
				.where(Basic.SUBJECT.hasId(study)).returnBundle(Bundle.class).execute();
		assertThat(looks.getEntry()).hasSize(1);
		// the same look again: it is already recorded
		assertThat(request(TestRole.ADMIN).contentType("application/fhir+json")
				.body(FhirTestClient.json(new Parameters().addParameter("look", 1).addParameter("record",
						new BooleanType(true))))
				.post(path(study)).statusCode()).isEqualTo(409);

		// 10 more (rTM 1 death of 5, control 3 of 5): 3/15 vs 9/15, t = 30/40 = 0.75, the look after the recorded one.
		// Boundaries on (0.5, 0.75, 1) (rpact): c₂ = 2.3590177, c₃ = 2.0140837. z = −0.4/√(0.4·0.6·2/15) = −2.2360680;
		// SE = √(0.2·0.8/15 + 0.6·0.4/15) = 0.1632993; RCI −0.4 ∓ 2.3590177·0.1632993 = (−0.7852260, −0.0147740);
		// |z| < c₂: continue; CP (trend), B = 2.2360680·√0.75, θ = 2.2360680/√0.75: 0.8719821
		enrol(study, "rTM", 5, 1, 100);
		enrol(study, "control", 5, 3, 100);
		Parameters next = parameters(request(TestRole.INVESTIGATOR).get(path(study)));

		assertThat(next.getParameter("look").getValue().primitiveValue()).isEqualTo("2");
		List<ParametersParameterComponent> boundaries = parts(next.getParameter("design"), "boundary");
		assertThat(boundaries).extracting(b -> number(b, "information-fraction")).containsExactly(0.5, 0.75, 1.0);
		assertThat(value(boundaries.get(0), "recorded")).isEqualTo("true");
		assertThat(number(boundaries.get(1), "z")).isCloseTo(2.3590177074, within(1e-6));
		assertThat(number(boundaries.get(1), "alpha-spent")).isCloseTo(0.0192986499, within(1e-6));
		assertThat(number(boundaries.get(2), "z")).isCloseTo(2.0140836611, within(1e-6));
		ParametersParameterComponent statistic = next.getParameter("statistic");
		assertThat(number(statistic, "z")).isCloseTo(-2.2360680, within(1e-6));
		assertThat(number(statistic, "risk-difference-lower")).isCloseTo(-0.7852260, within(1e-6));
		assertThat(number(statistic, "risk-difference-upper")).isCloseTo(-0.0147740, within(1e-6));
		assertThat(number(next.getParameter("conditional-power"), "under-current-trend")).isCloseTo(0.8719821,
				within(1e-6));
		assertThat(next.getParameter("decision").getValue().primitiveValue()).isEqualTo("continue");
	}

	@Test
	void recordingNeedsTheDataManager() {
		String study = study(false, 40);
		enrol(study, "rTM", 2, 1, 0);
		enrol(study, "control", 2, 0, 0);

		Response refused = request(TestRole.INVESTIGATOR).contentType("application/fhir+json")
				.body(FhirTestClient.json(new Parameters().addParameter("record", new BooleanType(true))))
				.post(path(study));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.asString()).contains("OperationOutcome", "record=true");
		assertThat(FhirTestClient.fhir(port).search().forResource(Basic.class).where(Basic.SUBJECT.hasId(study))
				.returnBundle(Bundle.class).execute().getEntry()).isEmpty();
	}

	@Test
	void aBlindedTokenGetsTheDesignThePooledCountsAndTheFractionOnly() {
		String study = study(true, 40);
		enrol(study, "rTM", 10, 2, 0);
		enrol(study, "control", 10, 6, 0);

		Parameters blinded = parameters(request(TestRole.INVESTIGATOR).get(path(study)));
		assertThat(blinded.getParameter().stream().map(ParametersParameterComponent::getName).distinct())
				.containsExactlyInAnyOrder("design", "look", "information-fraction", "pooled", "note");
		ParametersParameterComponent pooled = blinded.getParameter("pooled");
		assertThat(value(pooled, "subjects-with-outcome")).isEqualTo("20");
		assertThat(value(pooled, "deaths")).isEqualTo("8");
		String csv = request(TestRole.INVESTIGATOR).queryParam("_format", "csv").get(path(study)).asString();
		assertThat(csv).doesNotContain("rTM", "control", "\nstatistic,", "\nconditional-power,", "\ndecision,");
		String html = request(TestRole.INVESTIGATOR).queryParam("_format", "html").get(path(study)).asString();
		assertThat(html).contains("Open session", "Closed session not shown").doesNotContain("Kaplan-Meier",
				"rTM", ">control<");

		Parameters unblinded = parameters(request(TestRole.ADMIN).get(path(study)));
		assertThat(number(unblinded.getParameter("statistic"), "z")).isCloseTo(-1.8257419, within(1e-6));
	}

	@Test
	void aStudyWithoutOutcomesYetAnswersWithTheDesignAndANote() {
		String study = study(false, 100);
		Instant justNow = Instant.now().minusSeconds(3_600);
		IGenericClient admin = FhirTestClient.fhir(port);
		for (String arm : List.of("rTM", "control")) {
			String patient = admin.create().resource(TrialFixtures.patient("interim-new-" + System.nanoTime(),
					LocalDate.of(1950, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
			admin.create().resource(TrialFixtures.subject(study, patient, arm, justNow)).execute();
		}

		Parameters look = parameters(request(TestRole.INVESTIGATOR).get(path(study)));

		assertThat(parts(look.getParameter("design"), "boundary")).hasSize(2);
		assertThat(Double.parseDouble(look.getParameter("information-fraction").getValue().primitiveValue())).isZero();
		assertThat(look.getParameter("statistic")).isNull();
		assertThat(look.getParameter("conditional-power")).isNull();
		assertThat(look.getParameter("decision")).isNull();
		assertThat(look.getParameter().stream().filter(p -> p.getName().equals("note"))
				.map(p -> p.getValue().primitiveValue())).anyMatch(note -> note.contains("No subject has a known"));
	}

	@Test
	void csvIsLongWithTheContractsHeaderAndHtmlDrawsSvg() {
		String study = study(false, 40);
		enrol(study, "rTM", 10, 2, 0);
		enrol(study, "control", 10, 6, 0);

		Response csv = request(TestRole.INVESTIGATOR).queryParam("_format", "csv").get(path(study));
		assertThat(csv.contentType()).startsWith("text/csv");
		List<String> lines = csv.asString().lines().toList();
		assertThat(lines.get(0)).isEqualTo("section,look,arm,statistic,value");
		assertThat(lines).contains("statistic,1,rTM,deaths,2", "statistic,1,control,n,10", "decision,1,,decision,continue",
				"design,,,spending,obrien-fleming");
		assertThat(lines).anyMatch(line -> line.startsWith("statistic,1,,z,-1.82574185"));

		Response html = request(TestRole.INVESTIGATOR).queryParam("_format", "html").get(path(study));
		assertThat(html.contentType()).startsWith("text/html");
		assertThat(html.asString()).contains("<svg", "Open session", "Closed session", "Kaplan-Meier",
				"Group-sequential boundaries");
		// the open session has the pooled CONSORT flow and Table 1 (20 randomized, 10 per arm); the closed one the same
		// by arm
		String page = html.asString();
		String open = page.substring(page.indexOf("Open session"), page.indexOf("Closed session"));
		String closed = page.substring(page.indexOf("Closed session"));
		assertThat(open).contains("CONSORT flow", "Randomized (n = 20)", "Allocated, all arms (n = 20)",
				"Baseline characteristics", "all arms", "Data completeness (pooled)").doesNotContain("Allocated to rTM");
		assertThat(closed).contains("CONSORT flow", "Allocated to rTM (n = 10)", "Allocated to control (n = 10)",
				"Baseline characteristics");
	}

	@Test
	void hostileInputIsA400NamingTheParameter() {
		String study = study(false, 40);
		enrol(study, "rTM", 1, 0, 0);
		enrol(study, "control", 1, 0, 0);

		assertRefused(request(TestRole.INVESTIGATOR).queryParam("look", "0").get(path(study)), 400, "look");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("look", "abc").get(path(study)), 400, "look");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("look", "").get(path(study)), 400, "look");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("look", "99999999999999999999").get(path(study)), 400,
				"look");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("information-fraction", "2").get(path(study)), 400,
				"information-fraction");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("information-fraction", "NaN").get(path(study)), 400,
				"information-fraction");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("look", "1", "2").get(path(study)), 400, "look");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("mortality-day", "0").get(path(study)), 400,
				"mortality-day");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("record", "true").get(path(study)), 400, "record");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("recrod", "true").get(path(study)), 400, "recrod");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("_format", "pdf").get(path(study)), 400, "_format");
		assertRefused(request(TestRole.INVESTIGATOR).queryParam("_format", "csv", "html").get(path(study)), 400,
				"_format");
		assertRefused(request(TestRole.INVESTIGATOR).contentType("application/fhir+json")
				.body(FhirTestClient.json(new Parameters().addParameter("look", "one"))).post(path(study)), 400, "look");
	}

	@Test
	void theCapabilityStatementListsInterimWithItsOperationDefinition() {
		CapabilityStatement metadata = FhirTestClient.context().newJsonParser().parseResource(CapabilityStatement.class,
				FhirTestClient.anonymousHttp(port).get("/metadata").asString());

		assertThat(metadata.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("ResearchStudy"))
				.flatMap(r -> r.getOperation().stream()).filter(o -> o.getName().equals("interim"))
				.map(o -> o.getDefinition())).containsExactly("http://trialfhir.org/fhir/OperationDefinition/interim");
	}

	@Test
	void aHandWrittenLookWithoutItsFactsIs422NotA500() {
		String study = study(false, 40);
		enrol(study, "rTM", 2, 1, 0);
		enrol(study, "control", 2, 0, 0);
		Basic forged = new Basic();
		forged.getCode().addCoding().setSystem(RecordedLooks.SYSTEM).setCode(RecordedLooks.CODE);
		forged.setSubject(new org.hl7.fhir.r4.model.Reference(study));
		FhirTestClient.fhir(port).create().resource(forged).execute();

		assertRefused(request(TestRole.INVESTIGATOR).get(path(study)), 422, "interim look");
	}

	@Test
	void aStudyWithoutADesignIs422() {
		IGenericClient admin = FhirTestClient.fhir(port);
		String study = admin.create().resource(TrialFixtures.study("no design", false)).execute().getId()
				.toUnqualifiedVersionless().getValue();

		assertRefused(request(TestRole.INVESTIGATOR).get(path(study)), 422, "group-sequential");
	}

	private static void assertRefused(Response response, int status, String text) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
		assertThat(response.asString()).contains("OperationOutcome", text);
	}

	/** A study with the design: planned subjects, looks at 0.5 and 1, O'Brien-Fleming type, α 0.05. */
	private String study(boolean blinded, int planned) {
		ResearchStudy study = TrialFixtures.study("interim " + System.nanoTime(), blinded);
		Extension design = new Extension(GroupSequentialDesign.URL);
		design.addExtension("planned-subjects", new PositiveIntType(planned));
		design.addExtension("information-rates", new DecimalType("0.5"));
		design.addExtension("information-rates", new DecimalType("1"));
		design.addExtension("spending", new CodeType("obrien-fleming"));
		design.addExtension("alpha", new DecimalType("0.05"));
		study.addExtension(design);
		assertThat(study.getExtensionByUrl(BlindedStudies.BLINDED_EXTENSION)).isNotNull();
		return FhirTestClient.fhir(port).create().resource(study).execute().getId().toUnqualifiedVersionless()
				.getValue();
	}

	/** {@code count} subjects on {@code arm}, the first {@code deaths} of them dying on day 5. */
	private void enrol(String study, String arm, int count, int deaths, int offsetHours) {
		IGenericClient admin = FhirTestClient.fhir(port);
		for (int i = 0; i < count; i++) {
			Instant t0 = T0.plusSeconds(3_600L * (offsetHours + i));
			Patient patient = TrialFixtures.patient("interim-" + System.nanoTime(), LocalDate.of(1950, 1, 1));
			if (i < deaths) {
				patient.setDeceased(new DateTimeType(Date.from(t0.plusSeconds(4 * 86_400 + 3_600))));
			}
			String patientId = admin.create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
			admin.create().resource(TrialFixtures.subject(study, patientId, arm, t0)).execute();
		}
	}

	private Parameters parameters(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
	}

	private RequestSpecification request(TestRole role) {
		return FhirTestClient.http(port, role);
	}

	private static String path(String study) {
		return "/" + study + "/$interim";
	}

	private static List<ParametersParameterComponent> parts(ParametersParameterComponent parent, String name) {
		return parent.getPart().stream().filter(p -> p.getName().equals(name)).toList();
	}

	private static String value(ParametersParameterComponent parent, String name) {
		return parts(parent, name).get(0).getValue().primitiveValue();
	}

	private static double number(ParametersParameterComponent parent, String name) {
		return Double.parseDouble(value(parent, name));
	}
}
