package org.trialfhir.ingest.pull.source;

import java.net.URI;

/**
 * How TrialFHIR authenticates to a source. Secrets come from the environment ({@code ${EHR_A_SECRET}}) and never
 * appear in logs: {@link #toString()} masks them.
 *
 * @param type none | basic | bearer | client-credentials | smart-backend
 * @param username basic
 * @param password basic
 * @param token bearer: a static token
 * @param tokenUrl client-credentials, smart-backend: the token endpoint
 * @param clientId client-credentials, smart-backend
 * @param clientSecret client-credentials (sent with HTTP Basic)
 * @param scope client-credentials, smart-backend, e.g. "system/Patient.rs system/Observation.rs"
 * @param algorithm smart-backend: RS384 (default) or ES384
 * @param keyId smart-backend: the {@code kid} of the signing key in the JWKS registered with the hospital
 * @param privateKey smart-backend: a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----…") or the location of one
 *     (file:/…, classpath:…)
 * @param keystore smart-backend, instead of privateKey: location of a PKCS#12 (or JKS) keystore
 * @param keystorePassword smart-backend: the keystore's (and key's) password
 * @param keyAlias smart-backend: the key's alias in the keystore (default: the only key)
 */
public record EhrAuth(
		AuthType type,
		String username,
		String password,
		String token,
		URI tokenUrl,
		String clientId,
		String clientSecret,
		String scope,
		String algorithm,
		String keyId,
		String privateKey,
		String keystore,
		String keystorePassword,
		String keyAlias) {

	public static final EhrAuth NONE = new EhrAuth(AuthType.NONE, null, null, null, null, null, null, null, null, null, null,
			null, null, null);

	public EhrAuth {
		type = type == null ? AuthType.NONE : type;
		algorithm = algorithm == null ? "RS384" : algorithm;
	}

	/** The kinds of authentication a source may require. */
	public enum AuthType {
		NONE,
		BASIC,
		BEARER,
		CLIENT_CREDENTIALS,
		SMART_BACKEND
	}

	@Override
	public String toString() {
		return "EhrAuth[type=" + type + ", username=" + username + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
				+ ", scope=" + scope + ", algorithm=" + algorithm + ", keyId=" + keyId + ", keystore=" + keystore
				+ ", keyAlias=" + keyAlias + ", secrets=" + (hasSecret() ? "[masked]" : "none") + "]";
	}

	private boolean hasSecret() {
		return password != null || token != null || clientSecret != null || privateKey != null
				|| keystorePassword != null;
	}
}
