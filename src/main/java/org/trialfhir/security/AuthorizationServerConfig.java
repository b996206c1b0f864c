package org.trialfhir.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded authorization server of the demo and the tests (Spring Authorization Server): client-credentials
 * tokens at {@code POST /oauth2/token} for client_secret_basic clients and SMART Backend Services clients
 * (private_key_jwt, RS384/ES384), keys at {@code /oauth2/jwks}; and the workbench's sign-in, authorization code with
 * PKCE at {@code /oauth2/authorize} ({@link WorkbenchClient}, {@link WorkbenchSignInConfig}). It knows only the clients configured under
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
				.with(server, configurer -> configurer
						.tokenEndpoint(token -> token.accessTokenRequestConverter(new DefaultScopesClientCredentialsConverter()))
						.authorizationEndpoint(authorize -> authorize.authenticationProviders(providers -> providers.stream()
								.filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
								.map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
								.forEach(provider -> provider.setAuthenticationValidator(WorkbenchClient.redirectUriValidator())))))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				// a browser asking for a code while signed out is sent to the login page, and back after signing in
				.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint(WorkbenchSignInConfig.LOGIN_PAGE),
						browserPage()))
				.csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
				.cors(Customizer.withDefaults());
		return http.build();
	}

	private static MediaTypeRequestMatcher browserPage() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL)); // curl's */* keeps its 401
		return html;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SecurityProperties properties) {
		return SigningKeys.jwkSource(properties.signingKey());
	}

	/**
	 * Tokens are for this server (aud) and name their client, as SMART clients and our audit expect. A token of a
	 * signed-in user (authorization code: the workbench) carries exactly that user's scopes, the scopes of the role.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SecurityProperties properties) {
		return context -> context.getClaims()
				.audience(List.of(properties.audience()))
				.claims(claims -> claims.putIfAbsent("client_id", context.getRegisteredClient().getClientId()))
				.claims(claims -> claims.put("scope", String.join(" ", scopes(context, properties))));
	}

	private static Collection<String> scopes(JwtEncodingContext context, SecurityProperties properties) {
		if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
			return context.getAuthorizedScopes();
		}
		SecurityProperties.User user = properties.users().get(context.getPrincipal().getName());
		return user == null ? List.of() : user.scopes();
	}

}
