package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * A blinded study: a token without the {@code unblinded} scope (investigator-demo) gets pooled counts and a note,
 * nothing per arm, in every format; admin-demo (which has {@code unblinded}) gets the arms.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeBlindingIT {

	@LocalServerPort
	int port;

	private String study;

	/** 2 rTM + 2 control; one rTM subject dies on day 3, one control subject is withdrawn on day 5. */
	@BeforeAll
	void blindedStudy() {
		IGenericClient admin = FhirTestClient.fhir(port);
		ResearchStudy blinded = TrialFixtures.study("Blinded study");
		blinded.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(true));
		study = admin.create().resource(blinded).execute().getId().toUnqualifiedVersionless().getValue();
		Instant t0 = Instant.parse("2026-04-01T08:00:00Z");
		String[] arms = {"rTM", "rTM", "control", "control"};
		for (int i = 0; i < arms.length; i++) {
			Patient patient = TrialFixtures.patient("blinded-" + i + "-" + System.nanoTime(), LocalDate.of(1948, 5, 5));
			if (i == 0) {
				patient.setDeceased(new DateTimeType(Date.from(t0.plusSeconds(2 * 86_400 + 3_600))));
			}
			String patientId = admin.create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
			ResearchSubject subject = TrialFixtures.subject(study, patientId, arms[i], t0.plusSeconds(3_600L * i));
			if (i == 3) {
				subject.getPeriod().setEnd(Date.from(t0.plusSeconds(4 * 86_400 + 3 * 3_600)));
			}
			admin.create().resource(subject).execute();
		}
		// a patient screened and found ineligible, as $randomize records one: no arm, no T0
		String screened = admin.create().resource(TrialFixtures.patient("blinded-screened-" + System.nanoTime(),
				LocalDate.of(1948, 5, 5))).execute().getId().toUnqualifiedVersionless().getValue();
		ResearchSubject record = new ResearchSubject().setStatus(ResearchSubject.ResearchSubjectStatus.INELIGIBLE)
				.setStudy(new org.hl7.fhir.r4.model.Reference(study))
				.setIndividual(new org.hl7.fhir.r4.model.Reference(screened));
		record.addExtension("http://trialfhir.org/fhir/StructureDefinition/failed-criterion",
				new org.hl7.fhir.r4.model.CodeType("consent"));
		admin.create().resource(record).execute();
	}

	@Test
	void withoutUnblindedOnlyPooledCountsAndANote() {
		Parameters parameters = parameters(TestRole.INVESTIGATOR);
		assertThat(ParametersRows.count(parameters).keySet()).containsExactlyInAnyOrder("note", "pooled", "consort",
				"baseline");
		// the screening record is neither a subject nor "left out"
		assertThat(parameters.getParameter().stream().filter(p -> p.getName().equals("note")))
				.noneMatch(n -> n.getValue().primitiveValue().contains("left out"));
		Parameters.ParametersParameterComponent pooled = parameters.getParameter("pooled");
		// 4 subjects, 1 death by day 28 -> 0.25
		assertThat(part(pooled, "n")).isEqualTo("4");
		assertThat(part(pooled, "deaths")).isEqualTo("1");
		assertThat(part(pooled, "mortality")).isEqualTo("0.25");
		assertThat(parameters.getParameter("note").getValue().primitiveValue()).contains("blinded", "unblinded");
		// CONSORT and Table 1 pooled: one box per step, no arm, no arm-level cell
		Parameters.ParametersParameterComponent consort = parameters.getParameter("consort");
		assertThat(part(consort, "assessed-for-eligibility")).isEqualTo("5");
		assertThat(part(consort, "randomized")).isEqualTo("4");
		assertThat(consort.getPart().stream().filter(p -> p.getName().equals("allocated"))).singleElement()
				.satisfies(allocated -> assertThat(part(allocated, "n")).isEqualTo("4"));
		assertThat(consort.getPart()).flatExtracting(Parameters.ParametersParameterComponent::getPart)
				.noneMatch(p -> p.getName().equals("arm"));
		Parameters.ParametersParameterComponent baseline = parameters.getParameter("baseline");
		assertThat(baseline.getPart()).noneMatch(p -> p.getName().equals("arm"));
		assertThat(baseline.getPart().stream().filter(p -> p.getName().equals("row")))
				.flatExtracting(Parameters.ParametersParameterComponent::getPart).extracting(p -> p.getName())
				.contains("all-n").noneMatch(name -> name.startsWith("arm-"));

		String csv = request(TestRole.INVESTIGATOR).queryParam("_format", "csv").get(path()).asString();
		assertThat(csv).contains("pooled,,28,,n,4", "pooled,,28,,deaths,1", "consort,allocated,,,n,4",
				"baseline,n,,,n,4").doesNotContain("rTM", "control");
		String html = request(TestRole.INVESTIGATOR).queryParam("_format", "html").get(path()).asString();
		assertThat(html).contains("blinded", "Allocated, all arms (n = 4)").doesNotContain("rTM:", "control:",
				"Allocated to");
	}

	@Test
	void withUnblindedTheArmsAreShown() {
		Parameters parameters = parameters(TestRole.ADMIN);
		assertThat(ParametersRows.count(parameters)).containsEntry("arm", 2L).containsEntry("mortality", 1L)
				.doesNotContainKey("pooled");
		Parameters.ParametersParameterComponent rtm = parameters.getParameter().stream()
				.filter(p -> p.getName().equals("arm") && part(p, "name").equals("rTM")).findFirst().orElseThrow();
		// rTM: 2 subjects, the one death -> 0.5
		assertThat(part(rtm, "n")).isEqualTo("2");
		assertThat(part(rtm, "deaths")).isEqualTo("1");
		assertThat(part(rtm, "mortality")).isEqualTo("0.5");
	}

	private Parameters parameters(TestRole role) {
		Response response = request(role).get(path());
		assertThat(response.statusCode()).isEqualTo(200);
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow()
				.getValue().primitiveValue();
	}

	private io.restassured.specification.RequestSpecification request(TestRole role) {
		return FhirTestClient.http(port, role);
	}

	private String path() {
		return "/" + study + "/$analyze";
	}
}
