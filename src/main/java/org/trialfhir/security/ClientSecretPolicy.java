package org.trialfhir.security;

import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;

/**
 * What a client secret of the embedded authorization server must be: at least {@value #MINIMUM_LENGTH} characters and
 * not one of the secrets this project publishes. The published demo secrets (those of
 * {@code application-demo-clients.yaml}, and any {@code <client>-secret}) are accepted only where that profile is
 * active, the demo run and the tests. A client without a secret must authenticate by its key set (private_key_jwt).
 */
final class ClientSecretPolicy {

	static final int MINIMUM_LENGTH = 16;
	static final String DEMO_CLIENTS_PROFILE = "demo-clients";
	private static final String DEMO_CLIENTS_FILE = "application-demo-clients.yaml";

	private final boolean demoSecretsAllowed;
	private final Set<String> publishedSecrets;

	ClientSecretPolicy(boolean demoSecretsAllowed, Set<String> publishedSecrets) {
		this.demoSecretsAllowed = demoSecretsAllowed;
		this.publishedSecrets = publishedSecrets;
	}

	static ClientSecretPolicy forEnvironment(Environment environment) {
		return new ClientSecretPolicy(environment.acceptsProfiles(Profiles.of(DEMO_CLIENTS_PROFILE)), publishedSecrets());
	}

	/** The secrets of the demo clients file: one source, the file that publishes them. */
	static Set<String> publishedSecrets() {
		return published(".secret");
	}

	/** The passwords of the demo users, published in the same file. */
	static Set<String> publishedPasswords() {
		return published(".password");
	}

	private static Set<String> published(String suffix) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource(DEMO_CLIENTS_FILE));
		Properties properties = yaml.getObject();
		return properties == null ? Set.of() : properties.stringPropertyNames().stream()
				.filter(name -> name.endsWith(suffix))
				.map(properties::getProperty)
				.collect(Collectors.toUnmodifiableSet());
	}

	/** @throws IllegalStateException naming the client (never the secret) when its secret is not acceptable */
	void check(String clientId, SecurityProperties.Client client) {
		String secret = client.secret();
		boolean hasKeySet = client.jwkSetUrl() != null && !client.jwkSetUrl().isBlank();
		if (secret == null) {
			if (!hasKeySet) {
				refuse(clientId, "has neither a secret nor a jwk-set-url, so it cannot authenticate");
			}
			return;
		}
		boolean published = publishedSecrets.contains(secret) || secret.equals(clientId + "-secret");
		if (published && demoSecretsAllowed) {
			return;
		}
		if (published) {
			refuse(clientId, "has a published demo secret; demo secrets are accepted only in the demo and test profiles");
		}
		if (secret.isBlank()) {
			refuse(clientId, "has an empty secret");
		}
		if (secret.length() < MINIMUM_LENGTH) {
			refuse(clientId, "has a secret shorter than " + MINIMUM_LENGTH + " characters");
		}
	}

	private static void refuse(String clientId, String why) {
		throw new IllegalStateException("trialfhir.security.clients." + clientId + " " + why
				+ ": set a strong secret from the environment (docs/security.md)");
	}
}
