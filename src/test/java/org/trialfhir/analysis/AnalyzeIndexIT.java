package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFixtures;
import org.trialfhir.support.WorkerOffServerTest;

/**
 * The search-index reads follow what HAPI stores now: a deleted derived score, or one marked entered-in-error, no
 * longer counts; a corrected value replaces the old one.
 */
@WorkerOffServerTest
class AnalyzeIndexIT {

	private static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DaoRegistry daos;

	@Test
	void deletedAndEnteredInErrorScoresDropOutAndCorrectionsReplace() {
		IGenericClient admin = FhirTestClient.fhir(port);
		String studyId = unblindedStudy(admin, "Index semantics");
		// two subjects per arm, SOFA on day 1: rTM 10 and 12, control 6 and 8
		int[] sofa = {10, 12, 6, 8};
		String[] arms = {"rTM", "rTM", "control", "control"};
		List<String> observations = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String patient = patient(admin);
			String subject = admin.create().resource(TrialFixtures.subject(studyId, patient, arms[i], T0)).execute()
					.getId().getIdPart();
			// derived scores are the server's to write: these stand in for $derive-scores with fixed numbers
			observations.add(ServerSide.create(daos, sofa(subject, patient, sofa[i])).getValue());
		}
		RTrialLoader.keepScoresAsStored(jdbc); // the subjects have no inputs: a derivation would remove these scores
		// all four: rTM median 11 (n 2), control median 7 (n 2)
		assertDay1(studyId, 2, 11.0, 2, 7.0);

		ServerSide.delete(daos, new org.hl7.fhir.r4.model.IdType(observations.get(0)));
		// rTM keeps only 12
		assertDay1(studyId, 1, 12.0, 2, 7.0);

		Observation wrong = admin.read().resource(Observation.class).withId(observations.get(3)).execute();
		wrong.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
		ServerSide.update(daos, wrong);
		// control keeps only 6
		assertDay1(studyId, 1, 12.0, 1, 6.0);

		Observation corrected = admin.read().resource(Observation.class).withId(observations.get(2)).execute();
		corrected.setStatus(Observation.ObservationStatus.CORRECTED).setValue(new IntegerType(9));
		ServerSide.update(daos, corrected);
		// the corrected control value 9 replaces 6
		assertDay1(studyId, 1, 12.0, 1, 9.0);
	}

	@Test
	void aSubjectWhosePeriodHasAnEndButNoStartIsLeftOutWithANote() {
		IGenericClient admin = FhirTestClient.fhir(port);
		String studyId = unblindedStudy(admin, "Screened, not randomised");
		String[] arms = {"rTM", "control", "control"};
		for (int i = 0; i < 3; i++) {
			ResearchSubject subject = TrialFixtures.subject(studyId, patient(admin), arms[i], T0);
			if (i == 2) {
				subject.setPeriod(new Period().setEnd(Date.from(T0))); // screened out: an end, no T0
			}
			admin.create().resource(subject).execute();
		}

		Parameters parameters = FhirTestClient.context().newJsonParser().parseResource(Parameters.class,
				FhirTestClient.http(port, TestRole.INVESTIGATOR).get("/" + studyId + "/$analyze?variable=sofa&day=1")
						.asString());

		assertThat(parameters.getParameter().stream().filter(p -> p.getName().equals("note"))
				.map(p -> p.getValue().primitiveValue()))
				.contains("1 ResearchSubject(s) left out: no period.start (T0)");
		// the mortality denominators: one subject per arm, not two in control
		assertThat(parameters.getParameter().stream().filter(p -> p.getName().equals("arm"))
				.map(arm -> part(arm, "name") + " " + part(arm, "n"))).containsExactly("rTM 1", "control 1");
	}

	private static String unblindedStudy(IGenericClient admin, String title) {
		ResearchStudy study = TrialFixtures.study(title);
		study.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(false));
		return admin.create().resource(study).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private static String patient(IGenericClient admin) {
		return admin.create().resource(TrialFixtures.patient("idx-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	private void assertDay1(String study, int n1, double median1, int n2, double median2) {
		Response response = FhirTestClient.http(port, TestRole.INVESTIGATOR)
				.get("/" + study + "/$analyze?variable=sofa&day=1");
		assertThat(response.statusCode()).isEqualTo(200);
		Parameters parameters = FhirTestClient.context().newJsonParser().parseResource(Parameters.class,
				response.asString());
		Parameters.ParametersParameterComponent comparison = parameters.getParameter("comparison");
		assertThat(part(comparison, "arm-1-n")).isEqualTo(Integer.toString(n1));
		assertThat(Double.parseDouble(part(comparison, "arm-1-median"))).isEqualTo(median1);
		assertThat(part(comparison, "arm-2-n")).isEqualTo(Integer.toString(n2));
		assertThat(Double.parseDouble(part(comparison, "arm-2-median"))).isEqualTo(median2);
	}

	private static Observation sofa(String subjectId, String patient, int value) {
		Observation o = new Observation();
		o.getMeta().addProfile(RTrialLoader.PROFILE + "TrialDerivedScore");
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/study-day", new IntegerType(1));
		o.addExtension("http://trialfhir.org/fhir/StructureDefinition/algorithm-version",
				new org.hl7.fhir.r4.model.StringType("test"));
		o.addIdentifier(new Identifier().setSystem(AnalysisVariable.DERIVED_SCORE_SYSTEM)
				.setValue(subjectId + "-sofa-1"));
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setCode(new CodeableConcept(new Coding(AnalysisVariable.TRIAL_SCORE, "sofa", null)));
		o.setSubject(new Reference(patient));
		o.setEffective(new Period().setStart(Date.from(T0)).setEnd(Date.from(T0.plusSeconds(86_400))));
		o.setValue(new IntegerType(value));
		o.addComponent().setCode(new CodeableConcept(new Coding(AnalysisVariable.TRIAL_SCORE, "sofa-renal", null)))
				.setValue(new IntegerType(0));
		return o;
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow()
				.getValue().primitiveValue();
	}
}
