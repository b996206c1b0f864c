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
 * @param users the people who sign in to the workbench at the embedded server, by user name (the demo users come
 *     with the demo and test profiles; none otherwise)
 */
@ConfigurationProperties("trialfhir.security")
public record SecurityProperties(
		Boolean embeddedIssuer,
		String issuer,
		String audience,
		Resource signingKey,
		Duration tokenTtl,
		Map<String, Client> clients,
		List<String> corsAllowedOrigins,
		Map<String, User> users) {

	public SecurityProperties {
		embeddedIssuer = embeddedIssuer == null || embeddedIssuer;
		issuer = issuer == null ? "http://localhost:8080" : issuer;
		audience = audience == null ? "trialfhir" : audience;
		tokenTtl = tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
		clients = clients == null ? Map.of() : clients;
		corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : corsAllowedOrigins;
		users = users == null ? Map.of() : users;
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

	/**
	 * A person who signs in to the workbench at the embedded server's login page.
	 *
	 * @param password the password (the demo users' are published, like the demo clients' secrets)
	 * @param scopes the scopes of the user's role: exactly what the workbench's token for this user carries
	 */
	public record User(String password, List<String> scopes) {
		public User {
			scopes = scopes == null ? List.of() : scopes;
		}
	}
}
