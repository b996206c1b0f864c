import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/**
 * CPU per bearer-token check, the two ways the embedded issuer's tokens can be decoded: through the issuer's JWK
 * source (the key selected and converted from its JWK for every token) and with the issuer's public key given once.
 * A 2048-bit RSA key and an RS256 token as the embedded authorization server issues them; thread CPU time, so the
 * other load on the machine counts little. Usage (bench/token/run.sh): java -cp <classpath> TokenDecodeBench [rounds].
 */
public class TokenDecodeBench {

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyIDFromThumbprint().build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(jwk.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer("http://localhost").subject("bench").audience(List.of("trialfhir"))
						.claim("scope", "system/*.cruds").expirationTime(Date.from(Instant.now().plusSeconds(3600)))
						.issueTime(new Date()).build());
		jwt.sign(new RSASSASigner(jwk));
		String token = jwt.serialize();

		JwtDecoder viaJwkSource = OAuth2AuthorizationServerConfiguration.jwtDecoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		JwtDecoder viaPublicKey = NimbusJwtDecoder.withPublicKey(jwk.toRSAPublicKey())
				.signatureAlgorithm(SignatureAlgorithm.RS256).build();
		for (int round = 0; round < 3; round++) { // the first round warms up
			report(round, "JWK source", viaJwkSource, token, rounds);
			report(round, "public key", viaPublicKey, token, rounds);
		}
	}

	private static void report(int round, String name, JwtDecoder decoder, String token, int n) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < n; i++) {
			if (!"bench".equals(decoder.decode(token).getSubject())) {
				throw new IllegalStateException("decoded wrongly");
			}
		}
		double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / n;
		System.out.printf("round %d  %-10s  %6.1f µs CPU per token (%d tokens)%n", round, name, micros, n);
	}
}
