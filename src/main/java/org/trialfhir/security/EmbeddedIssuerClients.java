package org.trialfhir.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients of the embedded authorization server: exactly those of {@code trialfhir.security.clients}, each checked
 * by {@link ClientSecretPolicy} at startup (a weak or published secret stops the server from starting), and the
 * workbench's public client ({@link WorkbenchClient}), in every profile.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trialfhir.security.embedded-issuer", havingValue = "true", matchIfMissing = true)
class EmbeddedIssuerClients {

	@Bean
	RegisteredClientRepository registeredClients(SecurityProperties properties, Environment environment) {
		ClientSecretPolicy policy = ClientSecretPolicy.forEnvironment(environment);
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<RegisteredClient> clients = properties.clients().entrySet().stream()
				.peek(entry -> policy.check(entry.getKey(), entry.getValue()))
				.map(entry -> register(entry.getKey(), entry.getValue(), properties, encoder))
				.collect(Collectors.toCollection(ArrayList::new));
		clients.add(WorkbenchClient.register(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build()));
		return new RegisteredClients(clients);
	}

	private static RegisteredClient register(
			String clientId, SecurityProperties.Client client, SecurityProperties properties, PasswordEncoder encoder) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
				.clientId(clientId)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes(scopes -> scopes.addAll(client.scopes()))
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build());
		if (client.secret() != null) {
			builder.clientSecret(encoder.encode(client.secret()))
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		if (client.jwkSetUrl() != null && !client.jwkSetUrl().isBlank()) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
					.clientSettings(ClientSettings.builder()
							.jwkSetUrl(client.jwkSetUrl())
							.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
							.build());
		}
		return builder.build();
	}
}
