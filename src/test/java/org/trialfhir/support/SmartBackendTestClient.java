package org.trialfhir.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A SMART Backend Services client for the tests: its RSA key pair, its JWKS published over HTTP (as a real client
 * publishes it), and registration of the client {@value #CLIENT_ID} with the embedded authorization server.
 */
public final class SmartBackendTestClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String CLIENT_ID = "smart-backend-test";
	private static final RSAKey KEY;
	private static final int JWKS_PORT;

	static {
		try {
			KEY = new RSAKeyGenerator(2048).keyID("smart-backend-test-key").algorithm(JWSAlgorithm.RS384).generate();
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(jwks);
				}
			});
			server.setExecutor(null);
			server.start();
			JWKS_PORT = server.getAddress().getPort();
		} catch (JOSEException | IOException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String prefix = "trialfhir.security.clients." + CLIENT_ID + ".";
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("smart-backend-test-client", Map.of(
				prefix + "jwk-set-url", "http://localhost:" + JWKS_PORT + "/jwks.json",
				prefix + "scopes[0]", "system/Observation.cu",
				prefix + "scopes[1]", "system/Patient.r")));
	}

	/** The client assertion of RFC 7523 / SMART Backend Services, signed RS384. */
	public static String clientAssertion(String tokenEndpoint) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder()
					.issuer(CLIENT_ID).subject(CLIENT_ID).audience(tokenEndpoint)
					.jwtID(UUID.randomUUID().toString())
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 240_000))
					.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(KEY.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
