package org.trialfhir.security;

import static org.hamcrest.Matchers.notNullValue;

import io.restassured.RestAssured;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerTokenMinter;
import org.trialfhir.support.SmartBackendTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/** A SMART Backend Services client authenticates with a signed JWT assertion and pushes an Observation. */
@TrialFhirServerTest
class SmartBackendServicesIT {

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@LocalServerPort
	int port;

	@Test
	void signedAssertionGetsATokenThatCanPushAnObservation() {
		String patient = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("smart-" + System.nanoTime(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		String token = RestAssured.given().port(port)
				.formParam("grant_type", "client_credentials")
				.formParam("scope", "system/Observation.cu")
				.formParam("client_id", SmartBackendTestClient.CLIENT_ID)
				.formParam("client_assertion_type", ASSERTION_TYPE)
				.formParam("client_assertion", SmartBackendTestClient.clientAssertion(ServerTokenMinter.ISSUER + "/oauth2/token"))
				.post("/oauth2/token")
				.then().statusCode(200).body("access_token", notNullValue())
				.extract().path("access_token");
		FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer " + token)
				.contentType("application/fhir+json")
				.body(FhirTestClient.json(TrialFixtures.lab(patient, "777-3", 95, "10*9/L", Instant.now())))
				.post("/Observation")
				.then().statusCode(201);
	}

	@Test
	void anAssertionForAnotherAudienceIsRefused() {
		RestAssured.given().port(port)
				.formParam("grant_type", "client_credentials")
				.formParam("client_id", SmartBackendTestClient.CLIENT_ID)
				.formParam("client_assertion_type", ASSERTION_TYPE)
				.formParam("client_assertion", SmartBackendTestClient.clientAssertion("https://elsewhere.example/token"))
				.post("/oauth2/token")
				.then().statusCode(401);
	}
}
