package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.util.Throwables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The embedded issuer's clients as Spring builds them: which configurations start, and which refuse to. */
class EmbeddedIssuerClientsTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	static class Properties {}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(Properties.class, EmbeddedIssuerClients.class);

	@Test
	void withoutAnyConfiguredClientItStartsAndKnowsNoClient() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RegisteredClientRepository.class).findByClientId("admin-demo")).isNull();
		});
	}

	@Test
	void theWorkbenchIsAPublicPkceClientInEveryProfileWithoutConsent() {
		runner.run(context -> {
			RegisteredClient workbench = context.getBean(RegisteredClientRepository.class).findByClientId("trialfhir-workbench");
			assertThat(workbench).isNotNull();
			assertThat(workbench.getClientSecret()).isNull();
			assertThat(workbench.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
			assertThat(workbench.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.AUTHORIZATION_CODE);
			assertThat(workbench.getClientSettings().isRequireProofKey()).isTrue();
			assertThat(workbench.getClientSettings().isRequireAuthorizationConsent()).isFalse();
		});
	}

	@Test
	void aStrongSecretFromTheEnvironmentIsAccepted() {
		runner.withPropertyValues("trialfhir.security.clients.hospital-feed.secret=Zq8v-2kPn7Rr4xWb9tLs",
				"trialfhir.security.clients.hospital-feed.scopes[0]=system/Observation.cu")
				.run(context -> assertThat(context.getBean(RegisteredClientRepository.class)
						.findByClientId("hospital-feed")).isNotNull());
	}

	@ParameterizedTest
	@ValueSource(strings = {"", "   ", "short-secret-15", "admin-demo-secret", "hospital-feed-secret"})
	void aWeakEmptyOrPublishedSecretStopsTheStart(String secret) {
		runner.withPropertyValues("trialfhir.security.clients.hospital-feed.secret=" + secret)
				.run(context -> {
					assertThat(context).hasFailed();
					String message = Throwables.getRootCause(context.getStartupFailure()).getMessage();
					assertThat(message).contains("trialfhir.security.clients.hospital-feed");
					if (!secret.isBlank()) {
						assertThat(message).doesNotContain(secret); // the client is named, its secret never
					}
				});
	}

	@Test
	void theDemoClientsOfTheDemoProfileStartOnlyThere() {
		String[] demo = {"trialfhir.security.clients.admin-demo.secret=admin-demo-secret",
			"trialfhir.security.clients.admin-demo.scopes[0]=system/*.cruds"};
		runner.withPropertyValues(demo).run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues(demo).withPropertyValues("spring.profiles.active=demo-clients")
				.run(context -> assertThat(context.getBean(RegisteredClientRepository.class)
						.findByClientId("admin-demo")).isNotNull());
	}

	@Test
	void aClientWithoutSecretMustHaveAKeySet() {
		runner.withPropertyValues("trialfhir.security.clients.backend.scopes[0]=system/Patient.r")
				.run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("trialfhir.security.clients.backend.jwk-set-url=https://backend.example/jwks.json")
				.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void thePublishedSecretsAreReadFromTheDemoClientsFile() {
		assertThat(ClientSecretPolicy.publishedSecrets()).contains("admin-demo-secret", "ehr-demo-secret",
				"research-demo-secret", "investigator-demo-secret", "clinician-demo-secret", "auditor-demo-secret",
				"coordinator-demo-secret");
	}
}
