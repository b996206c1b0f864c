package org.trialfhir.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded authorization server of the demo and the tests (Spring Authorization Server): client-credentials
 * tokens at {@code POST /oauth2/token} for client_secret_basic clients and SMART Backend Services clients
 * (private_key_jwt, RS384/ES384), keys at {@code /oauth2/jwks}. Production turns it off and trusts an external
 * identity provider instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trialfhir.security.embedded-issuer", havingValue = "true", matchIfMissing = true)
class AuthorizationServerConfig {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients) throws Exception {
		OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher(server.getEndpointsMatcher())
				.with(server, configurer -> configurer.tokenEndpoint(token ->
						token.accessTokenRequestConverter(new DefaultScopesClientCredentialsConverter())))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
				.cors(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	RegisteredClientRepository registeredClients(SecurityProperties properties) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<RegisteredClient> clients = properties.clients().entrySet().stream()
				.map(entry -> register(entry.getKey(), entry.getValue(), properties, encoder))
				.toList();
		return new InMemoryRegisteredClientRepository(clients);
	}

	private static RegisteredClient register(
			String clientId, SecurityProperties.Client client, SecurityProperties properties, PasswordEncoder encoder) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
				.clientId(clientId)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes(scopes -> scopes.addAll(client.scopes()))
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build());
		if (client.secret() != null && !client.secret().isBlank()) {
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

	@Bean
	AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SecurityProperties properties) {
		return SigningKeys.jwkSource(properties.signingKey());
	}

	/** Tokens are for this server (aud) and name their client, as SMART clients and our audit expect. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SecurityProperties properties) {
		return context -> context.getClaims()
				.audience(List.of(properties.audience()))
				.claims(claims -> claims.putIfAbsent("client_id", context.getRegisteredClient().getClientId()))
				.claims(claims -> claims.put("scope", String.join(" ", context.getAuthorizedScopes())));
	}

}
