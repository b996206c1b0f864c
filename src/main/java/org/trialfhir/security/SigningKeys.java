package org.trialfhir.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.core.io.Resource;

/** The embedded authorization server's signing key: from configuration, else generated for this run. */
final class SigningKeys {

	private SigningKeys() {}

	static JWKSource<SecurityContext> jwkSource(Resource pemFile) {
		KeyPair keyPair = pemFile == null ? generate() : fromPem(read(pemFile));
		try {
			RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
					.privateKey(keyPair.getPrivate())
					.keyIDFromThumbprint()
					.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String read(Resource pemFile) {
		try {
			return pemFile.getContentAsString(StandardCharsets.US_ASCII);
		} catch (IOException e) {
			throw new IllegalArgumentException("Cannot read trialfhir.security.signing-key " + pemFile, e);
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static KeyPair fromPem(String pem) {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
					new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
					new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new KeyPair(publicKey, privateKey);
		} catch (NoSuchAlgorithmException | InvalidKeySpecException | ClassCastException e) {
			throw new IllegalArgumentException("trialfhir.security.signing-key is not a PKCS#8 RSA private key", e);
		}
	}
}
