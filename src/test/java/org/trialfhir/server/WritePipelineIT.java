package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * A trial write passes every step of the write pipeline, each counted on /actuator/prometheus; a refused one is
 * answered with the element it is refused for and leaves nothing.
 */
@TrialFhirServerTest
class WritePipelineIT {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final Pattern STEP_COUNT =
			Pattern.compile("^trialfhir_write_step_seconds_count\\{[^}]*step=\"([a-z-]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);
	private static final String LAB = "http://hospital-a.example/lab";

	@LocalServerPort
	int port;

	IGenericClient fhir;
	EnrolledSubjects.Subject subject;

	@BeforeEach
	void enrol() {
		fhir = FhirTestClient.fhir(port);
		subject = EnrolledSubjects.on(fhir).enrol();
	}

	@Test
	void aTrialObservationPassesEveryStepEachCounted() {
		Map<String, Double> before = stepCounts();

		post(platelets("10*4/uL")).then().statusCode(201);

		Map<String, Double> after = stepCounts();
		assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(WritePipeline.ORDER);
		// one client write: parsed and validated once (the server's own writes, such as a re-derivation running
		// meanwhile, pass the other steps too, hence at least one there)
		assertThat(after.get("parse") - before.get("parse")).isEqualTo(1);
		assertThat(after.get("validate") - before.get("validate")).isEqualTo(1);
		for (String step : WritePipeline.ORDER) {
			assertThat(after.get(step) - before.get(step)).as(step).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void aWritesTimeIsOnPrometheusByRequestAndStepNotBySecurityFilter() {
		post(platelets("10*4/uL")).then().statusCode(201);

		String metrics = prometheus();
		assertThat(metrics).contains("http_server_requests_seconds_count{").contains("trialfhir_write_step_seconds_count{");
		// Spring Security's observations of each filter, authentication and authorization are off
		assertThat(metrics).doesNotContain("spring_security_");
	}

	@Test
	void aRefusedWriteNamesTheElementAndLeavesNothing() {
		Observation wrongUnit = platelets("mg");
		String key = wrongUnit.getIdentifierFirstRep().getValue();

		String outcome = post(wrongUnit).then().statusCode(422).extract().asString();

		assertThat(JsonPath.from(outcome).getList("issue.expression.flatten()")).contains("Observation.valueQuantity.code");
		assertThat(storedWithKey(key)).isZero();
	}

	@Test
	void aTransactionWithOneRefusedEntryLeavesNothing() {
		Observation valid = platelets("10*9/L");
		Observation invalid = platelets("mg");
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Observation observation : List.of(valid, invalid)) {
			bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}

		String outcome = FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(bundle)).post("/")
				.then().statusCode(422).extract().asString();

		assertThat(outcome).contains("Observation.valueQuantity.code");
		assertThat(storedWithKey(valid.getIdentifierFirstRep().getValue())).isZero();
		assertThat(storedWithKey(invalid.getIdentifierFirstRep().getValue())).isZero();
	}

	private Observation platelets(String unit) {
		Observation observation = TrialFixtures.lab(subject.patient(), "777-3", 12, unit,
				subject.t0().plusSeconds(3600));
		observation.addIdentifier(new Identifier().setSystem(LAB).setValue("pipeline-" + UUID.randomUUID()));
		return observation;
	}

	private io.restassured.response.Response post(Observation observation) {
		return FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(observation))
				.post("/Observation");
	}

	private int storedWithKey(String key) {
		Bundle found = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndIdentifier(LAB, key)).returnBundle(Bundle.class)
				.execute();
		return found.getEntry().size();
	}

	private Map<String, Double> stepCounts() {
		String metrics = prometheus();
		Map<String, Double> counts = new LinkedHashMap<>();
		Matcher line = STEP_COUNT.matcher(metrics);
		while (line.find()) {
			counts.put(line.group(1), Double.parseDouble(line.group(2)));
		}
		return counts;
	}

	private String prometheus() {
		return FhirTestClient.http(port).basePath("/").get("/actuator/prometheus").then().statusCode(200).extract()
				.asString();
	}
}
