package org.trialfhir.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Every sign-in at the workbench's login form, accepted or refused, is an AuditEvent (DICOM 110114 User
 * Authentication, subtype 110122 Login) with the user name typed and the client's address — read back as the auditor
 * reads the trail.
 */
@TrialFhirServerTest
class SignInAuditIT {

	static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

	@LocalServerPort
	int port;

	/** Sign-ins of this test are those recorded from here on (each test signs in as a user of its own). */
	Instant since;

	@BeforeEach
	void start() {
		since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
	}

	@Test
	void aSignInIsAuditedWithTheUserTheOutcomeAndTheAddress() {
		Response signedIn = postLoginForm("clinician", "clinician-password");
		assertThat(signedIn.header("Location")).endsWith("/app/");

		AuditEvent event = single(() -> loginEvents("clinician", "0"));
		assertThat(event.getType().getSystem()).isEqualTo(DICOM);
		assertThat(event.getType().getCode()).isEqualTo("110114");
		assertThat(event.getSubtype()).singleElement().satisfies(subtype -> {
			assertThat(subtype.getSystem()).isEqualTo(DICOM);
			assertThat(subtype.getCode()).isEqualTo("110122");
		});
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
		assertThat(event.getAgentFirstRep().getName()).isEqualTo("clinician");
		assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
		assertThat(event.getAgentFirstRep().getNetwork().getAddress()).isIn(LOOPBACK);
		assertThat(FhirTestClient.json(event)).doesNotContain("clinician-password");
	}

	@Test
	void aWrongPasswordAndAnUnknownUserAreAuditedAsFailuresWithoutThePassword() {
		Response refused = postLoginForm("investigator", "not-the-investigator-password");
		assertThat(refused.header("Location")).contains("/login?error");
		String nobody = "nobody-" + System.nanoTime();
		postLoginForm(nobody, "whatever-was-typed");

		AuditEvent wrongPassword = single(() -> loginEvents("investigator", "4"));
		assertThat(wrongPassword.getType().getCode()).isEqualTo("110114");
		assertThat(wrongPassword.getAgentFirstRep().getName()).isEqualTo("investigator");
		assertThat(wrongPassword.getAgentFirstRep().getNetwork().getAddress()).isIn(LOOPBACK);
		assertThat(FhirTestClient.json(wrongPassword)).doesNotContain("not-the-investigator-password");
		assertThat(loginEvents("investigator", "0")).as("no success recorded for the refusal").isEmpty();

		AuditEvent unknown = single(() -> loginEvents(nobody, "4"));
		assertThat(unknown.getAgentFirstRep().getName()).isEqualTo(nobody);
		assertThat(FhirTestClient.json(unknown)).doesNotContain("whatever-was-typed");
	}

	@Test
	void aHugeUserNameIsRecordedCutShort() {
		String tried = "long-" + System.nanoTime() + "-" + "x".repeat(5000);
		postLoginForm(tried, "x");

		AuditEvent event = single(() -> loginEvents(tried.substring(0, 40), "4"));
		// the first 128 characters typed, and a mark that the rest was left out
		assertThat(event.getAgentFirstRep().getName()).isEqualTo(tried.substring(0, 128) + "…");
	}

	/** GET /login for its session and CSRF token, then POST the form as a browser does; the answer unfollowed. */
	private Response postLoginForm(String user, String password) {
		Response page = browser().get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(page.asString());
		assertThat(csrf.find()).isTrue();
		Response posted = browser().cookie("JSESSIONID", page.cookie("JSESSIONID"))
				.contentType("application/x-www-form-urlencoded").formParam("username", user)
				.formParam("password", password).formParam("_csrf", csrf.group(1)).post("/login");
		assertThat(posted.statusCode()).isEqualTo(302);
		return posted;
	}

	private io.restassured.specification.RequestSpecification browser() {
		return given().baseUri("http://localhost").port(port)
				.config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
				.header("Accept", "text/html");
	}

	/** The login AuditEvents of this user (agent-name matches from the start) and outcome since the test began. */
	private List<AuditEvent> loginEvents(String user, String outcome) {
		Bundle found = FhirTestClient.fhir(port, TestRole.AUDITOR).search().byUrl("AuditEvent?subtype=" + DICOM
				+ "%7C110122&agent-name=" + user + "&outcome=" + outcome + "&date=ge" + since + "&_count=50")
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
	}

	/** Waits for the publisher to store the event (it runs in rounds), then expects exactly one. */
	private AuditEvent single(java.util.function.Supplier<List<AuditEvent>> search) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> !search.get().isEmpty());
		List<AuditEvent> events = search.get();
		assertThat(events).hasSize(1);
		return events.get(0);
	}
}
