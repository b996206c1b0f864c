package org.trialfhir.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded authorization server of the demo and the tests (Spring Authorization Server): client-credentials
 * tokens at {@code POST /oauth2/token} for client_secret_basic clients and SMART Backend Services clients
 * (private_key_jwt, RS384/ES384), keys at {@code /oauth2/jwks}. It knows only the clients configured under
 * {@code trialfhir.security.clients} (the demo clients come with the demo and test profiles) and refuses to start with
 * a weak or published secret ({@link ClientSecretPolicy}). Production may turn it off and trust an external identity
 * provider instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trialfhir.security.embedded-issuer", havingValue = "true", matchIfMissing = true)
class AuthorizationServerConfig {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients) throws Exception {
		OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher(server.getEndpointsMatcher())
				.with(server, configurer -> configurer.tokenEndpoint(token -> token.accessTokenRequestConverter(new DefaultScopesClientCredentialsConverter())))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
				.cors(Customizer.withDefaults());
		return http.build();
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
