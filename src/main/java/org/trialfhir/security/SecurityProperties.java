package org.trialfhir.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Authentication and authorization.
 *
 * @param embeddedIssuer run the demo authorization server in-process (POST /oauth2/token); false in production, where
 *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} names the identity provider
 * @param issuer the {@code iss} of tokens: of the embedded server, or expected from the external one
 * @param audience the {@code aud} every token must carry
 * @param signingKey PKCS#8 PEM file with the RSA private key of the embedded server, e.g.
 *     {@code file:/run/secrets/signing-key.pem}; generated at startup when absent (tokens then do not survive a restart)
 * @param tokenTtl lifetime of tokens of the embedded server
 * @param clients the embedded server's clients, by client id
 * @param corsAllowedOrigins browser origins allowed to call the API (none by default)
 */
@ConfigurationProperties("trialfhir.security")
public record SecurityProperties(
		Boolean embeddedIssuer,
		String issuer,
		String audience,
		Resource signingKey,
		Duration tokenTtl,
		Map<String, Client> clients,
		List<String> corsAllowedOrigins) {

	public SecurityProperties {
		embeddedIssuer = embeddedIssuer == null || embeddedIssuer;
		issuer = issuer == null ? "http://localhost:8080" : issuer;
		audience = audience == null ? "trialfhir" : audience;
		tokenTtl = tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
		clients = clients == null ? Map.of() : clients;
		corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : corsAllowedOrigins;
	}

	/**
	 * A client of the embedded authorization server.
	 *
	 * @param secret for client_secret_basic (a secret from the environment, never logged)
	 * @param jwkSetUrl for private_key_jwt (SMART Backend Services): where the client publishes its public keys
	 * @param scopes the scopes it may be granted; all of them when a token request names none
	 */
	public record Client(String secret, String jwkSetUrl, List<String> scopes) {
		public Client {
			scopes = scopes == null ? List.of() : scopes;
		}
	}
}
