package org.trialfhir.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriComponentsBuilder;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * The workbench's sign-in over plain HTTP, step by step as a browser makes it: authorization code with PKCE for the
 * public client, the login form, the token with exactly the user's scopes — and the requests that must fail.
 */
@TrialFhirServerTest
class WorkbenchSignInIT {

	static final String VERIFIER = "workbench-sign-in-it-verifier-0123456789-abcdefghijklmnop";

	@LocalServerPort
	int port;

	private RequestSpecification browser() {
		return given().baseUri("http://localhost").port(port)
				.config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
				.header("Accept", "text/html");
	}

	private String app() {
		return "http://localhost:" + port + "/app/";
	}

	static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private Map<String, String> authorizeParameters(String redirectUri) throws Exception {
		return Map.of("response_type", "code", "client_id", "trialfhir-workbench", "redirect_uri", redirectUri,
				"state", "s-1", "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256");
	}

	/** Signs in at the login page and follows the issuer back: the redirect to the workbench with the code. */
	private URI signIn(String user, String password, Map<String, String> authorize) {
		Response asked = browser().queryParams(authorize).get("/oauth2/authorize");
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.header("Location")).endsWith("/login");
		String session = asked.cookie("JSESSIONID");

		Response page = browser().cookie("JSESSIONID", session).get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.asString());
		assertThat(csrf.find()).as("the login form carries its CSRF token").isTrue();
		assertThat(page.asString()).contains("<form").contains("name=\"username\"").contains("name=\"password\"");

		Response posted = browser().cookie("JSESSIONID", session).contentType("application/x-www-form-urlencoded")
				.formParam("username", user).formParam("password", password).formParam("_csrf", csrf.group(1))
				.post("/login");
		assertThat(posted.statusCode()).isEqualTo(302);
		if (posted.header("Location").contains("/login?error")) {
			return URI.create(posted.header("Location"));
		}
		String signedIn = posted.cookie("JSESSIONID") != null ? posted.cookie("JSESSIONID") : session;
		assertThat(posted.header("Location")).contains("/oauth2/authorize");
		// the saved request, exactly as the server wrote it (already encoded)
		Response back = browser().urlEncodingEnabled(false).cookie("JSESSIONID", signedIn).get(posted.header("Location"));
		assertThat(back.statusCode()).isEqualTo(302);
		return URI.create(back.header("Location"));
	}

	private Response token(String code, String verifier) {
		return given().baseUri("http://localhost").port(port).contentType("application/x-www-form-urlencoded")
				.formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", app())
				.formParam("client_id", "trialfhir-workbench").formParam("code_verifier", verifier)
				.post("/oauth2/token");
	}

	private static Map<String, String> query(URI uri) {
		return UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return io.restassured.path.json.JsonPath.from(payload).getMap("");
	}

	@Test
	void theClinicianSignsInAndGetsATokenWithTheRolesScopesOnly() throws Exception {
		URI back = signIn("clinician", "clinician-password", authorizeParameters(app()));
		assertThat(back.toString()).startsWith(app() + "?");
		assertThat(query(back)).containsEntry("state", "s-1").containsKey("code");

		Response token = token(query(back).get("code"), VERIFIER);
		assertThat(token.statusCode()).isEqualTo(200);
		String accessToken = token.jsonPath().getString("access_token");
		Map<String, Object> claims = claims(accessToken);
		assertThat(claims).containsEntry("sub", "clinician").containsEntry("client_id", "trialfhir-workbench");
		assertThat(((String) claims.get("scope")).split(" ")).containsExactlyInAnyOrder("user/Patient.crus",
				"user/ResearchStudy.$randomize", "user/ResearchStudy.rs", "user/ResearchSubject.rs", "user/Condition.rs",
				"user/Observation.rs", "user/Consent.rs");

		// a bearer token like any other: the clinician reads the study, and may not run $analyze nor read the trail
		given().baseUri("http://localhost").port(port).header("Authorization", "Bearer " + accessToken)
				.get("/fhir/ResearchStudy?_count=1").then().statusCode(200);
		given().baseUri("http://localhost").port(port).header("Authorization", "Bearer " + accessToken)
				.get("/fhir/AuditEvent?_count=1").then().statusCode(403);
		given().baseUri("http://localhost").port(port).header("Authorization", "Bearer " + accessToken)
				.get("/fhir/ResearchStudy/any/$analyze").then().statusCode(403);

		assertThat(token(query(back).get("code"), VERIFIER).statusCode()).as("a code is used once").isEqualTo(400);
	}

	@Test
	void theAppSignedOutRedirectsToTheLoginFormAndItsAssetsLoadForTheLoginPage() {
		Response app = browser().get("/app/");
		assertThat(app.statusCode()).isEqualTo(302);
		assertThat(app.header("Location")).endsWith("/login");
		Response login = browser().cookie("JSESSIONID", app.cookie("JSESSIONID")).get("/login");
		assertThat(login.asString()).contains("<form").contains("method=\"post\"").contains("name=\"username\"")
				.contains("name=\"password\"").contains("/app/app.css");
		browser().get("/app/app.css").then().statusCode(200);
		browser().get("/app/js/main.js").then().statusCode(200);
		assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
	}

	@Test
	void smartDiscoveryNamesTheAuthorizationEndpointAndPkce() {
		given().baseUri("http://localhost").port(port).get("/.well-known/smart-configuration").then().statusCode(200)
				.body("authorization_endpoint", org.hamcrest.Matchers.endsWith("/oauth2/authorize"))
				.body("grant_types_supported", org.hamcrest.Matchers.hasItem("authorization_code"))
				.body("code_challenge_methods_supported", org.hamcrest.Matchers.contains("S256"))
				.body("capabilities", org.hamcrest.Matchers.hasItems("client-public", "launch-standalone"));
	}

	@Test
	void aCodeWithoutItsVerifierBuysNoToken() throws Exception {
		URI back = signIn("research", "research-password", authorizeParameters(app()));
		Response refused = token(query(back).get("code"), VERIFIER.replace('0', '1'));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.jsonPath().getString("error")).isEqualTo("invalid_grant");
	}

	@Test
	void aWrongPasswordStaysOnTheLoginPage() throws Exception {
		assertThat(signIn("auditor", "coordinator-password", authorizeParameters(app())).toString()).endsWith("/login?error");
		assertThat(signIn("nobody", "nobody-password", authorizeParameters(app())).toString()).endsWith("/login?error");
	}

	@Test
	void theCodeGoesToThisServersWorkbenchOnly() throws Exception {
		for (String elsewhere : new String[] {"http://evil.example/app/", "http://localhost:" + (port + 1) + "/app/",
			app() + "?x=1", "http://localhost:" + port + "/login", "http://127.0.0.1:" + port + "/app/"}) {
			Response refused = browser().queryParams(authorizeParameters(elsewhere)).get("/oauth2/authorize");
			assertThat(refused.statusCode()).as(elsewhere).isEqualTo(400);
			assertThat(refused.header("Location")).as(elsewhere).isNull();
		}
	}

	@Test
	void withoutPkceNoCodeIsIssued() throws Exception {
		Response refused = browser().queryParams(Map.of("response_type", "code", "client_id", "trialfhir-workbench",
				"redirect_uri", app(), "state", "s-2")).get("/oauth2/authorize");
		String location = refused.header("Location");
		assertThat(location).as("sent back with the error, never with a code").contains("error=invalid_request")
				.doesNotContain("code=");
	}

	@Test
	void aClientThatIsNoBrowserIsNotSentToTheLoginPage() {
		Response refused = given().baseUri("http://localhost").port(port)
				.config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
				.post("/oauth2/token");
		assertThat(refused.statusCode()).isBetween(400, 499);
		assertThat(refused.header("Location")).isNull();
	}
}
