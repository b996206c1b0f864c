package org.trialfhir.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every endpoint needs a valid JWT bearer token (signature, expiry, issuer, audience) except the CapabilityStatement,
 * health and the SMART discovery document. What a token may do is decided by {@link ScopeAuthorizationInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ResourceServerConfig {

	/**
	 * Spring Security wraps every filter of a chain, the authentication and each authorization decision in a
	 * Micrometer observation when an observation registry exists (the actuator makes one). Nothing here reads those
	 * traces, and they were about a tenth of a single POST's request-thread CPU (docs/benchmarks.md, "Single POSTs at
	 * a steady state"); the requests' own timers ({@code http_server_requests}) and the write steps' stay.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(2)
	SecurityFilterChain resourceServerChain(HttpSecurity http, JwtDecoder jwtDecoder, FhirContext fhirContext)
			throws Exception {
		OperationOutcomeAuthenticationHandlers handlers = new OperationOutcomeAuthenticationHandlers(fhirContext);
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers(HttpMethod.GET, "/fhir/metadata", "/actuator/health/**", "/actuator/health",
						"/actuator/info", "/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration")
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/fhir/**").permitAll()
				.requestMatchers("/error").permitAll()
				.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(jwtDecoder))
						.authenticationEntryPoint(handlers)
						.accessDeniedHandler(handlers))
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
				.cors(Customizer.withDefaults())
				.headers(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	JwtDecoder jwtDecoder(
			SecurityProperties properties,
			ObjectProvider<JWKSource<SecurityContext>> embeddedKeys,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		NimbusJwtDecoder decoder;
		String issuer;
		if (properties.embeddedIssuer()) {
			decoder = NimbusJwtDecoder.withPublicKey(embeddedPublicKey(embeddedKeys.getObject()))
					.signatureAlgorithm(SignatureAlgorithm.RS256).build();
			issuer = properties.issuer();
		} else {
			if (externalIssuer.isBlank()) {
				throw new IllegalStateException("trialfhir.security.embedded-issuer=false needs "
						+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (the identity provider)");
			}
			decoder = JwtDecoders.fromIssuerLocation(externalIssuer);
			issuer = externalIssuer;
		}
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(
				"aud", aud -> aud != null && aud.contains(properties.audience()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audience));
		return decoder;
	}

	/**
	 * The embedded issuer's one signing key, converted once. Decoding through its JWK source would select the key and
	 * convert it from its JWK again for every request; the key does not change while the server runs
	 * ({@link SigningKeys}), and its tokens are RS256.
	 */
	static RSAPublicKey embeddedPublicKey(JWKSource<SecurityContext> keys) {
		try {
			List<JWK> found = keys.get(new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build()), null);
			if (found.size() != 1) {
				throw new IllegalStateException("the embedded issuer has " + found.size() + " RSA signing keys, not one");
			}
			return found.get(0).toRSAKey().toRSAPublicKey();
		} catch (JOSEException e) { // also KeySourceException
			throw new IllegalStateException("the embedded issuer's signing key cannot be read", e);
		}
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(properties.corsAllowedOrigins());
			cors.addAllowedMethod("*");
			cors.addAllowedHeader("*");
			cors.addExposedHeader("Location");
			cors.addExposedHeader("Content-Location");
			cors.addExposedHeader("ETag");
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}
}
