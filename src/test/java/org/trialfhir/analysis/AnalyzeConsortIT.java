package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.randomization.EnrolmentFixtures;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * The CONSORT flow and the baseline table in $analyze, on a study whose every path is known: two rTM subjects (one
 * given the study drug), two control subjects (one withdrawn on day 3), and a patient $randomize found ineligible.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeConsortIT {

	static final Coding STUDY_DRUG = new Coding("http://trialfhir.org/fhir/CodeSystem/trial-drug",
			"thrombomodulin-alfa", null);
	static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

	@LocalServerPort
	int port;

	String study;

	@BeforeAll
	void study() {
		IGenericClient admin = FhirTestClient.fhir(port);
		ResearchStudy s = TrialFixtures.study("CONSORT IT " + System.nanoTime(), false);
		s.addExtension("http://trialfhir.org/fhir/StructureDefinition/study-drug", new CodeableConcept(STUDY_DRUG));
		study = admin.create().resource(s).execute().getId().toUnqualifiedVersionless().getValue();
		String[] arms = {"rTM", "rTM", "control", "control"};
		for (int i = 0; i < arms.length; i++) {
			String patient = admin.create().resource(TrialFixtures.patient("consort-" + i + "-" + System.nanoTime(),
					LocalDate.of(1960, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
			ResearchSubject subject = TrialFixtures.subject(study, patient, arms[i], T0);
			if (i == 3) {
				subject.setStatus(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
				subject.getPeriod().setEnd(Date.from(T0.plusSeconds(2 * 86_400)));
			}
			admin.create().resource(subject).execute();
			if (i == 0) {
				MedicationAdministration given = new MedicationAdministration();
				given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
				given.setMedication(new CodeableConcept(STUDY_DRUG));
				given.setSubject(new Reference(patient));
				given.setEffective(new DateTimeType(Date.from(T0.plusSeconds(3_600))));
				admin.create().resource(given).execute();
			}
		}
		// no sepsis Condition, no JAAM DIC score, no Consent: three failed criteria, one screening record
		String ineligible = admin.create().resource(TrialFixtures.patient("consort-screened-" + System.nanoTime(),
				LocalDate.of(1960, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
		EnrolmentFixtures.randomize(FhirTestClient.http(port, TestRole.CLINICIAN), study, ineligible).then()
				.statusCode(422);
	}

	@Test
	void theFlowAndTheBaselineTableAreInTheParameters() {
		Parameters parameters = parameters();
		// the screening record is not a subject: n is the four randomized, and nothing is "left out"
		assertThat(parameters.getParameter().stream().filter(p -> p.getName().equals("arm")))
				.extracting(p -> value(p, "name"), p -> value(p, "n"))
				.containsExactly(tuple("rTM", "2"), tuple("control", "2"));
		assertThat(parameters.getParameter().stream().filter(p -> p.getName().equals("note")))
				.noneMatch(n -> n.getValue().primitiveValue().contains("left out"));

		ParametersParameterComponent consort = parameters.getParameter("consort");
		assertThat(value(consort, "assessed-for-eligibility")).isEqualTo("5");
		ParametersParameterComponent excluded = part(consort, "excluded");
		assertThat(value(excluded, "n")).isEqualTo("1");
		assertThat(excluded.getPart().stream().filter(p -> p.getName().equals("reason")))
				.extracting(r -> value(r, "criterion"), r -> value(r, "n"))
				.containsExactlyInAnyOrder(tuple("sepsis", "1"), tuple("jaam-dic", "1"), tuple("consent", "1"));
		assertThat(value(consort, "randomized")).isEqualTo("4");
		// rTM: 2 allocated, 1 given the drug; control: 2, neither given it (both received standard care)
		assertThat(boxes(consort, "allocated")).extracting(b -> value(b, "arm"), b -> value(b, "n"),
				b -> value(b, "received-allocated-intervention"), b -> value(b, "did-not-receive-allocated-intervention"))
				.containsExactly(tuple("rTM", "2", "1", "1"), tuple("control", "2", "2", "0"));
		assertThat(boxes(consort, "discontinued")).extracting(b -> value(b, "n")).containsExactly("0", "1");
		assertThat(boxes(consort, "lost-to-follow-up")).extracting(b -> value(b, "n")).containsExactly("0", "0");
		// day 28 has passed for everyone; the withdrawn subject's outcome is not known
		assertThat(boxes(consort, "analysed")).extracting(b -> value(b, "n"), b -> value(b, "outcome-not-known"))
				.containsExactly(tuple("2", "0"), tuple("1", "1"));

		ParametersParameterComponent baseline = parameters.getParameter("baseline");
		ParametersParameterComponent n = row(baseline, "n", null);
		assertThat(List.of(value(n, "arm-1-n"), value(n, "arm-2-n"), value(n, "all-n"))).containsExactly("2", "2", "4");
		// born 1960-01-01, randomized 2026-01-10: 66 completed years
		ParametersParameterComponent age = row(baseline, "age", null);
		assertThat(Double.parseDouble(value(age, "all-median"))).isEqualTo(66.0);
		ParametersParameterComponent female = row(baseline, "sex", "female");
		assertThat(value(female, "all-n")).isEqualTo("4");
		assertThat(Double.parseDouble(value(female, "arm-1-percent"))).isEqualTo(100.0);
		assertThat(value(row(baseline, "sofa", null), "all-n")).isEqualTo("0"); // no scores recorded
	}

	@Test
	void csvAndHtmlCarryThemToo() throws Exception {
		String csv = FhirTestClient.http(port, TestRole.ADMIN).queryParam("_format", "csv")
				.get("/" + study + "/$analyze").asString();
		assertThat(csv).contains("\r\nconsort,assessed-for-eligibility,,,n,5\r\n", "\r\nconsort,excluded,,,consent,1\r\n",
				"\r\nconsort,allocated,,rTM,received-allocated-intervention,1\r\n", "\r\nbaseline,n,,,n,4\r\n",
				"\r\nbaseline,sex:female,,control,n,2\r\n");

		Response html = FhirTestClient.http(port, TestRole.ADMIN).queryParam("_format", "html")
				.get("/" + study + "/$analyze");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.asString().getBytes(StandardCharsets.UTF_8)));
		assertThat(html.asString()).contains("CONSORT flow", "Assessed for eligibility (n = 5)",
				"Allocated to rTM (n = 2)", "Baseline characteristics", "<td>Randomized</td><td>2</td><td>2</td><td>4</td>");
	}

	private Parameters parameters() {
		Response response = FhirTestClient.http(port, TestRole.ADMIN).get("/" + study + "/$analyze");
		assertThat(response.statusCode()).isEqualTo(200);
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, response.asString());
	}

	private static List<ParametersParameterComponent> boxes(ParametersParameterComponent consort, String name) {
		return consort.getPart().stream().filter(p -> p.getName().equals(name)).toList();
	}

	private static ParametersParameterComponent row(ParametersParameterComponent baseline, String characteristic,
			String category) {
		return baseline.getPart().stream().filter(p -> p.getName().equals("row"))
				.filter(p -> value(p, "characteristic").equals(characteristic))
				.filter(p -> category == null || category.equals(value(p, "category"))).findFirst().orElseThrow();
	}

	private static ParametersParameterComponent part(ParametersParameterComponent parent, String name) {
		return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no part " + name));
	}

	private static String value(ParametersParameterComponent parent, String name) {
		return part(parent, name).getValue().primitiveValue();
	}
}
