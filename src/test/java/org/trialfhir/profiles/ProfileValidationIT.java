package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFixtures;
import org.trialfhir.support.WorkerOffServerTest;

/**
 * Writes are validated against the trial profiles by the running server. The background re-derivation worker is
 * off: the valid examples include a derived JAAM score stored as written, which the worker would otherwise derive
 * itself from the example subject's data under the same identifier (unique, so the example's PUT would conflict).
 */
@WorkerOffServerTest
class ProfileValidationIT {

	static final Path VALID = Path.of("src/test/resources/valid");
	static final Path INVALID = Path.of("src/test/resources/invalid");
	static final String FHIR_JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@Autowired
	DaoRegistry daos;

	/** The valid examples in dependency order; the invalid ones refer to them (Patient/patient-001 …). */
	@BeforeEach
	void storeValidExamples() throws IOException {
		Organization site = new Organization();
		site.setId("site-jp");
		site.addIdentifier(new Identifier().setSystem("http://trialfhir.org/fhir/sid/site").setValue("site-jp"));
		site.setName("Site JP");
		FhirTestClient.fhir(port).update().resource(site).execute();
		for (String prefix : List.of("Patient-", "ResearchStudy-", "ResearchSubject-", "Observation-lab-", "Observation-")) {
			try (Stream<Path> files = Files.list(VALID)) {
				for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList()) {
					String body = Files.readString(file);
					String id = JsonPath.from(body).getString("id");
					String type = JsonPath.from(body).getString("resourceType");
					if (isDerivedScore(body)) {
						// the server's to write: stored as $derive-scores would store it
						ServerSide.update(daos, FhirTestClient.context().newJsonParser().parseResource(body));
						continue;
					}
					FhirTestClient.http(port).contentType(FHIR_JSON).body(body).put("/" + type + "/" + id)
							.then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
				}
			}
		}
	}

	static Stream<Arguments> invalidExamples() throws IOException {
		return Files.readAllLines(INVALID.resolve("expected-errors.tsv"), StandardCharsets.UTF_8).stream()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("\t"))
				.map(cols -> Arguments.of(cols[0], cols[1], cols[2]));
	}

	@ParameterizedTest(name = "{0} → 422 at {1}")
	@MethodSource("invalidExamples")
	@SuppressWarnings("unchecked")
	void invalidExampleIsRejectedAtItsLocation(String file, String location, String message) throws IOException {
		String body = Files.readString(INVALID.resolve(file));
		String type = JsonPath.from(body).getString("resourceType");
		if (isDerivedScore(body)) {
			// no client writes a derived score, valid or not: refused before validation (the profile's rules on the
			// server's own scores are checked by ExamplesTest and DerivedScoreProfileTest)
			FhirTestClient.http(port).contentType(FHIR_JSON).body(body).post("/" + type)
					.then().statusCode(403).body("issue[0].diagnostics", containsString("derived score"));
			return;
		}
		String outcome = FhirTestClient.http(port).contentType(FHIR_JSON).body(body).post("/" + type)
				.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"))
				.extract().asString();
		List<Map<String, Object>> issues = JsonPath.from(outcome).getList("issue");
		assertThat(issues).as(outcome).anySatisfy(issue -> {
			assertThat(issue.get("severity")).isIn("error", "fatal");
			assertThat((List<Object>) issue.get("expression")).contains((Object) location);
			assertThat((String) issue.get("diagnostics")).contains(message);
		});
	}

	private static boolean isDerivedScore(String body) {
		List<String> profiles = JsonPath.from(body).getList("meta.profile");
		return profiles != null && profiles.contains("http://trialfhir.org/fhir/StructureDefinition/TrialDerivedScore");
	}

	@Test
	void unitErrorReadsAsAHospitalEngineerNeedsIt() {
		Observation platelets = TrialFixtures.lab("Patient/patient-001", "777-3", 120, "mg", Instant.now());
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(platelets)).post("/Observation")
				.then().statusCode(422)
				.body("issue.expression.flatten()", org.hamcrest.Matchers.hasItem("Observation.valueQuantity.code"))
				.body("issue.diagnostics", org.hamcrest.Matchers.hasItem(
						"unit 'mg' is not accepted for platelets (LOINC 777-3); use 10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL or /mm3"));
	}

	@Test
	void transactionWithOneInvalidObservationStoresNothing() {
		String tag = "tx-invalid-" + System.nanoTime();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (String unit : List.of("10*9/L", "10*4/uL", "mg")) {
			Observation observation = TrialFixtures.lab("Patient/patient-001", "777-3", 12, unit, Instant.now());
			observation.addIdentifier(new Identifier().setSystem("http://hospital-a.example/lab").setValue(tag + unit));
			bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(bundle)).post("/")
				.then().statusCode(422);
		Bundle stored = FhirTestClient.fhir(port).search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode("http://hospital-a.example/lab", tag + "10*9/L"))
				.returnBundle(Bundle.class).execute();
		assertThat(stored.getEntry()).isEmpty();
	}

	/**
	 * The validator judges the body a client sent, not the resource once the server has stamped its study day: a
	 * string study day is refused whether or not the vital sign claims its profile (the validation fast path, which
	 * judges an unclaimed one, followed the stamped resource and let it through).
	 */
	@Test
	void aStringStudyDayIsRefusedWithOrWithoutAClaimedProfile() throws IOException {
		String body = Files.readString(INVALID.resolve("Observation-vital-study-day-not-integer.json"))
				.replaceFirst("(?s)\"meta\": \\{.*?\\},", "");
		assertThat(body).doesNotContain("meta").contains("valueString");
		FhirTestClient.http(port).contentType(FHIR_JSON).body(body).post("/Observation")
				.then().statusCode(422)
				.body("issue.expression.flatten()", org.hamcrest.Matchers.hasItem("Observation.extension[0]"))
				.body("issue.diagnostics", org.hamcrest.Matchers.hasItem(containsString("found type string")));
	}

	@Test
	void observationOfANonEnrolledPatientWithAnUnknownCodeIsAccepted() {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("not-enrolled-" + System.nanoTime(), LocalDate.of(1970, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		Observation unknown = TrialFixtures.lab(patient, "99999-9", 1, "mg", Instant.now());
		FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(unknown)).post("/Observation")
				.then().statusCode(201);
	}

	@Test
	void profilesAreStoredAndSearchableByUrl() {
		for (String profile : List.of(TrialCanonicals.TRIAL_LAB_RESULT, TrialCanonicals.TRIAL_DERIVED_SCORE,
				TrialCanonicals.TRIAL_PATIENT)) {
			FhirTestClient.http(port).get("/StructureDefinition?url=" + profile)
					.then().statusCode(200).body("total", equalTo(1)).body("entry[0].resource.url", equalTo(profile));
		}
	}

	@Test
	void validateOperationChecksTheTrialProfile() {
		Observation platelets = TrialFixtures.lab("Patient/patient-001", "777-3", 120, "mg", Instant.now());
		String outcome = FhirTestClient.http(port).contentType(FHIR_JSON).body(FhirTestClient.json(platelets))
				.post("/Observation/$validate?profile=" + TrialCanonicals.TRIAL_LAB_RESULT)
				.then().extract().asString();
		assertThat(outcome).contains("unit 'mg' is not accepted for platelets");
	}
}
