package org.trialfhir.ingest.pull.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.trialfhir.ingest.pull.source.EhrAuth;

/** Loads the SMART backend signing key: a PKCS#8 PEM (inline or a file) or an entry of a PKCS#12/JKS keystore. */
final class SigningKeys {

	private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";

	private SigningKeys() {}

	static PrivateKey load(EhrAuth auth) {
		try {
			if (auth.privateKey() != null) {
				String pem = auth.privateKey().strip().startsWith("-----")
						? auth.privateKey()
						: read(auth.privateKey());
				return fromPem(pem, auth.algorithm().startsWith("ES") ? "EC" : "RSA");
			}
			if (auth.keystore() != null) {
				return fromKeystore(auth);
			}
		} catch (IOException | GeneralSecurityException e) {
			// the message names the location and the failure, never key material or passwords
			throw new IllegalArgumentException("cannot load the SMART backend signing key: " + e.getMessage(), e);
		}
		throw new IllegalArgumentException("EHR source auth smart-backend needs 'private-key' or 'keystore'");
	}

	static PrivateKey fromPem(String pem, String keyAlgorithm) throws GeneralSecurityException {
		String text = pem.strip();
		if (!text.startsWith(PEM_HEADER)) {
			throw new GeneralSecurityException("expected a PKCS#8 PEM (" + PEM_HEADER
					+ "); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
		}
		String base64 = text.replace(PEM_HEADER, "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance(keyAlgorithm)
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	private static PrivateKey fromKeystore(EhrAuth auth) throws IOException, GeneralSecurityException {
		char[] password = auth.keystorePassword() == null ? new char[0] : auth.keystorePassword().toCharArray();
		KeyStore store = KeyStore.getInstance("PKCS12"); // Java's PKCS12 keystore also reads JKS files
		try (InputStream in = resource(auth.keystore()).getInputStream()) {
			store.load(in, password);
		}
		String alias = auth.keyAlias();
		if (alias == null) {
			List<String> keys = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).toList();
			if (keys.size() != 1) {
				throw new GeneralSecurityException("keystore holds " + keys.size() + " keys; set 'key-alias'");
			}
			alias = keys.get(0);
		}
		Key key = store.getKey(alias, password);
		if (!(key instanceof PrivateKey privateKey)) {
			throw new GeneralSecurityException("no private key under alias '" + alias + "'");
		}
		return privateKey;
	}

	private static boolean isKey(KeyStore store, String alias) {
		try {
			return store.isKeyEntry(alias);
		} catch (GeneralSecurityException e) {
			return false;
		}
	}

	private static String read(String location) throws IOException {
		try (InputStream in = resource(location).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static Resource resource(String location) {
		return new DefaultResourceLoader().getResource(location.contains(":") ? location : "file:" + location);
	}
}
