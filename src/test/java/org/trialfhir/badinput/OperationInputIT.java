package org.trialfhir.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.badinput.Refusals.count;
import static org.trialfhir.badinput.Refusals.json;
import static org.trialfhir.badinput.Refusals.refused;
import static org.trialfhir.badinput.Refusals.refusedNaming;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Each operation's Parameters input: a parameter without a name, a primitive without a value, a parameter with
 * neither value nor parts, a value of the wrong type, a repeated single parameter, an undeclared parameter and a
 * huge value get a 400 naming the parameter; the operation does not run.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationInputIT {

	@LocalServerPort
	int port;

	String study;
	String patient;
	String subject;
	String candidate;

	@BeforeAll
	void aStudyWithOneSubject() {
		IGenericClient admin = FhirTestClient.fhir(port);
		study = admin.create().resource(TrialFixtures.study("operation input IT " + UUID.randomUUID())).execute()
				.getId().toUnqualifiedVersionless().getValue();
		patient = admin.create().resource(TrialFixtures.patient("op-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		subject = admin.create().resource(TrialFixtures.subject(study, patient, "rTM",
				Instant.now().minus(2, ChronoUnit.DAYS))).execute().getId().toUnqualifiedVersionless().getValue();
		candidate = admin.create().resource(TrialFixtures.patient("op-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	@AfterEach
	void theServerStillAnswers() {
		Refusals.serverStillAnswers(port);
	}

	private static String parameters(String... parameters) {
		return "{\"resourceType\": \"Parameters\", \"parameter\": [" + String.join(", ", parameters) + "]}";
	}

	private Response post(String path, String body) {
		return json(port).body(body).post(path);
	}

	@Nested
	class Analyze {

		private Response analyze(String... parameters) {
			return post("/" + study + "/$analyze", parameters(parameters));
		}

		@Test
		void aParameterWithoutName() {
			refused(analyze("{\"valueInteger\": 3}"), 400, "Parameters.parameter[0].name");
		}

		@Test
		void aPrimitiveWithoutValue() {
			refused(analyze("{\"name\": \"day\", \"_valueInteger\": {\"extension\": [{\"url\": "
					+ "\"http://example.org/why\", \"valueString\": \"not charted\"}]}}"), 400,
					"Parameters.parameter[0].valueInteger");
		}

		@Test
		void aParameterWithNeitherValueNorParts() {
			refused(analyze("{\"name\": \"day\"}"), 400, "Parameters.parameter[0]");
		}

		@Test
		void aValueOfTheWrongType() {
			refused(analyze("{\"name\": \"day\", \"valueQuantity\": {\"value\": 3}}"), 400,
					"Parameters.parameter.where(name = 'day')");
		}

		@Test
		void aSingleParameterGivenTwice() {
			refused(analyze("{\"name\": \"followup-day\", \"valueInteger\": 3}",
					"{\"name\": \"followup-day\", \"valueInteger\": 4}"), 400, "followup-day");
		}

		@Test
		void aHugeDay() {
			refused(analyze("{\"name\": \"day\", \"valueInteger\": 2147483647}"), 400, "day");
		}

		@Test
		void aNumberWithAnExponentOfABillion() {
			refused(analyze("{\"name\": \"day\", \"valueDecimal\": 1e999999999}"), 400,
					"Parameters.parameter[0].valueDecimal");
		}
	}

	@Nested
	class DeriveScores {

		private Response derive(String... parameters) {
			return post("/" + subject + "/$derive-scores", parameters(parameters));
		}

		@Test
		void aParameterWithoutName() {
			refused(derive("{\"valueCode\": \"sofa\"}"), 400, "Parameters.parameter[0].name");
		}

		@Test
		void aScoreWithoutValue() {
			refused(derive("{\"name\": \"score\", \"_valueCode\": {\"extension\": [{\"url\": "
					+ "\"http://example.org/why\", \"valueString\": \"unknown\"}]}}"), 400,
					"Parameters.parameter[0].valueCode");
		}

		@Test
		void aScoreWithNeitherValueNorParts() {
			refused(derive("{\"name\": \"score\"}"), 400, "Parameters.parameter[0]");
		}

		@Test
		void aValueOfTheWrongType() {
			refusedNaming(derive("{\"name\": \"day\", \"valueString\": \"first\"}"), 400, "parameter day");
		}

		@Test
		void anUndeclaredParameter() {
			refused(derive("{\"name\": \"days\", \"valueInteger\": 1}"), 400,
					"Parameters.parameter.where(name = 'days')");
		}

		@Test
		void aHugeDay() {
			refused(derive("{\"name\": \"day\", \"valueInteger\": 2147483647}"), 400,
					"Parameters.parameter.where(name = 'day')");
		}
	}

	@Nested
	class Unblind {

		private Response unblind(String... parameters) {
			return post("/" + subject + "/$unblind", parameters(parameters));
		}

		@AfterEach
		void theArmWasNotRevealed() {
			Bundle events = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
					.where(new TokenClientParam("entity-resource").exactly().code(subject)).returnBundle(Bundle.class)
					.execute();
			// the request itself is audited too; the unblinding record is the one carrying the reason
			assertThat(events.getEntry()).noneSatisfy(e -> assertThat(((AuditEvent) e.getResource()).getEntity())
					.anySatisfy(entity -> assertThat(entity.getDetail()).isNotEmpty()));
		}

		@Test
		void aParameterWithoutName() {
			refused(unblind("{\"valueString\": \"bleeding\"}"), 400, "Parameters.parameter[0].name");
		}

		@Test
		void aReasonWithoutValue() {
			refused(unblind("{\"name\": \"reason\", \"_valueString\": {\"extension\": [{\"url\": "
					+ "\"http://example.org/why\", \"valueString\": \"bleeding\"}]}}"), 400,
					"Parameters.parameter[0].valueString");
		}

		@Test
		void aValueOfTheWrongType() {
			refusedNaming(unblind("{\"name\": \"reason\", \"valueInteger\": 1}"), 400, "parameter reason");
		}

		@Test
		void aReasonGivenTwice() {
			refused(unblind("{\"name\": \"reason\", \"valueString\": \"bleeding\"}",
					"{\"name\": \"reason\", \"valueString\": \"curiosity\"}"), 400,
					"Parameters.parameter.where(name = 'reason')");
		}

		@Test
		void anUndeclaredParameter() {
			refused(unblind("{\"name\": \"reason\", \"valueString\": \"bleeding\"}",
					"{\"name\": \"urgency\", \"valueString\": \"high\"}"), 400,
					"Parameters.parameter.where(name = 'urgency')");
		}
	}

	@Nested
	class Randomize {

		private Response randomize(String... parameters) {
			return post("/" + study + "/$randomize", parameters(parameters));
		}

		private String subjectParameter() {
			return "{\"name\": \"subject\", \"valueReference\": {\"reference\": \"" + candidate + "\"}}";
		}

		@AfterEach
		void noSubjectWasEnrolled() {
			assertThat(count(port, ResearchSubject.class, "individual=" + candidate)).isZero();
		}

		@Test
		void aParameterWithoutName() {
			refused(randomize(subjectParameter(), "{\"valueString\": \"site-a\"}"), 400,
					"Parameters.parameter[1].name");
		}

		@Test
		void aSiteWithoutValue() {
			refused(randomize(subjectParameter(), "{\"name\": \"site\", \"_valueString\": {\"extension\": [{\"url\": "
					+ "\"http://example.org/why\", \"valueString\": \"unknown\"}]}}"), 400,
					"Parameters.parameter[1].valueString");
		}

		@Test
		void aValueOfTheWrongType() {
			refusedNaming(randomize("{\"name\": \"subject\", \"valueString\": \"" + candidate + "\"}"), 400,
					"parameter subject");
		}

		@Test
		void aSubjectGivenTwice() {
			refused(randomize(subjectParameter(), subjectParameter()), 400,
					"Parameters.parameter.where(name = 'subject')");
		}

		@Test
		void aHugeBaselineScore() {
			refused(randomize(subjectParameter(), "{\"name\": \"baseline-jaam\", \"valueInteger\": 2147483647}"), 400,
					"Parameters.parameter.where(name = 'baseline-jaam')");
		}
	}

	@Nested
	class Pull {

		private Response pull(String... parameters) {
			return post("/$pull", parameters(parameters));
		}

		@Test
		void aParameterWithoutName() {
			refused(pull("{\"valueString\": \"hospital-a\"}"), 400, "Parameters.parameter[0].name");
		}

		@Test
		void aSourceWithoutValue() {
			refused(pull("{\"name\": \"source\", \"_valueString\": {\"extension\": [{\"url\": "
					+ "\"http://example.org/why\", \"valueString\": \"unknown\"}]}}"), 400,
					"Parameters.parameter[0].valueString");
		}

		@Test
		void aValueOfTheWrongType() {
			refusedNaming(pull("{\"name\": \"source\", \"valueInteger\": 1}"), 400, "parameter source");
		}

		@Test
		void anUndeclaredParameter() {
			refused(pull("{\"name\": \"sources\", \"valueString\": \"hospital-a\"}"), 400,
					"Parameters.parameter.where(name = 'sources')");
		}

		@Test
		void aSourceThatIsNotConfigured() {
			refusedNaming(pull("{\"name\": \"source\", \"valueString\": \"no-such-hospital\"}"), 400,
					"unknown source 'no-such-hospital'");
		}
	}
}
