package org.trialfhir.ingest.pull.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Throw-away signing keys for SMART backend tests, made at test time (none is committed). */
public final class TestKeys {

	private TestKeys() {}

	public static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String pkcs8Pem(KeyPair pair) {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	/** A PKCS#12 keystore with one P-384 key under alias "trialfhir", made by the JDK's keytool. */
	public static Path ecKeystore(Path dir, String password) throws IOException, InterruptedException {
		Path store = dir.resolve("ehr-client.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "trialfhir", "-keyalg", "EC", "-groupname", "secp384r1", "-sigalg",
				"SHA384withECDSA", "-validity", "2", "-dname", "CN=trialfhir-test", "-storetype", "PKCS12",
				"-keystore", store.toString(), "-storepass", password)
				.redirectErrorStream(true).start();
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
		}
		return store;
	}

	public static PublicKey publicKeyOf(Path keystore, String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keystore)) {
			store.load(in, password.toCharArray());
		}
		return store.getCertificate("trialfhir").getPublicKey();
	}
}
