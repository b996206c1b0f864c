package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The workbench's code goes back to /app/ on the origin that was asked for it, and nowhere else. */
class WorkbenchClientTest {

	@ParameterizedTest(name = "{0} → {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app/; true",
		"https://trial.example/oauth2/authorize; https://trial.example/app/; true",
		"http://127.0.0.1:41234/oauth2/authorize; http://127.0.0.1:41234/app/; true",
		"http://localhost:8080/oauth2/authorize; http://localhost:8081/app/; false", // another port
		"http://localhost:8080/oauth2/authorize; http://evil.example:8080/app/; false", // another host
		"https://trial.example/oauth2/authorize; http://trial.example/app/; false", // another scheme
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app/x; false", // another path
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app; false",
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/login; false",
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app/?next=//evil.example; false", // a query
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app/#x; false", // a fragment
		"http://localhost:8080/oauth2/authorize; http://user@localhost:8080/app/; false", // user info
		"http://localhost:8080/oauth2/authorize; //localhost:8080/app/; false", // no scheme
		"http://localhost:8080/oauth2/authorize; http://localhost:8080/app/%2e%2e/login; false",
		"http://localhost:8080/oauth2/authorize; 'http://localhost:8080/app/ x'; false", // not a URI
	})
	void theRedirectIsThisServersOwnWorkbench(String authorizationUri, String redirectUri, boolean accepted) {
		assertThat(WorkbenchClient.isOwnWorkbench(authorizationUri, redirectUri)).isEqualTo(accepted);
	}

	@ParameterizedTest
	@CsvSource(value = {"'', http://localhost:8080/app/", "http://localhost:8080/oauth2/authorize, ''"})
	void aMissingUriIsRefused(String authorizationUri, String redirectUri) {
		assertThat(WorkbenchClient.isOwnWorkbench(authorizationUri.isEmpty() ? null : authorizationUri,
				redirectUri.isEmpty() ? null : redirectUri)).isFalse();
	}
}
