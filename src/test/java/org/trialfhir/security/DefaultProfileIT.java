package org.trialfhir.security;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;

/**
 * The server as the container image runs it: no profile, no configured client. It starts, serves its
 * CapabilityStatement, and its embedded issuer gives no token to anyone, the demo clients with their published
 * secrets included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
	"trialfhir.embedded-postgres.data-dir=target/it-postgres/default-${random.uuid}",
	"trialfhir.embedded-postgres.durable=false"})
class DefaultProfileIT {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@EnumSource(TestRole.class)
	void noDemoClientGetsATokenWithItsPublishedSecret(TestRole role) {
		RestAssured.given().port(port).auth().preemptive().basic(role.clientId, role.secret())
				.formParam("grant_type", "client_credentials")
				.post("/oauth2/token")
				.then().statusCode(401).body("error", equalTo("invalid_client"));
	}

	@Test
	void theServerAnswersWithoutAnyClient() {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
		FhirTestClient.anonymousHttp(port).get("/Patient").then().statusCode(401);
	}
}
