package org.trialfhir.ingest.pull.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.http.NameValuePair;
import org.apache.http.message.BasicNameValuePair;
import org.trialfhir.ingest.pull.source.EhrAuth;

/**
 * The two ways TrialFHIR proves who it is to a token endpoint (OAuth 2.0 client credentials grant, RFC 6749 §4.4):
 * a client secret sent with HTTP Basic, or a signed JWT client assertion (RFC 7523; SMART Backend Services).
 */
final class TokenRequests {

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** The form fields and the optional Authorization header of one token request. */
	record TokenRequest(List<NameValuePair> form, Optional<String> authorization) {}

	/** Builds each token request afresh (a client assertion is single-use). */
	interface Factory {
		TokenRequest next();
	}

	private TokenRequests() {}

	static Factory clientSecret(EhrAuth auth) {
		String basic = "Basic " + Base64.getEncoder().encodeToString(
				(Credentials.required(auth.clientId(), "client-id") + ":"
						+ Credentials.required(auth.clientSecret(), "client-secret")).getBytes(StandardCharsets.UTF_8));
		return () -> new TokenRequest(grant(auth), Optional.of(basic));
	}

	static Factory clientAssertion(EhrAuth auth, Clock clock) {
		ClientAssertion assertion = new ClientAssertion(auth, SigningKeys.load(auth), clock);
		return () -> {
			List<NameValuePair> form = grant(auth);
			form.add(new BasicNameValuePair("client_assertion_type", ASSERTION_TYPE));
			form.add(new BasicNameValuePair("client_assertion", assertion.sign()));
			return new TokenRequest(form, Optional.empty());
		};
	}

	private static List<NameValuePair> grant(EhrAuth auth) {
		List<NameValuePair> form = new ArrayList<>();
		form.add(new BasicNameValuePair("grant_type", "client_credentials"));
		if (auth.scope() != null && !auth.scope().isBlank()) {
			form.add(new BasicNameValuePair("scope", auth.scope()));
		}
		return form;
	}
}
