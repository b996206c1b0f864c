package org.trialfhir.ingest.pull.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.apache.http.impl.client.CloseableHttpClient;
import org.trialfhir.ingest.pull.source.EhrAuth;

/**
 * The {@code Authorization} header for calls to one source. OAuth tokens are fetched once, cached until shortly
 * before they expire and shared by every call of the source; {@link #invalidate()} drops a token the source refused.
 */
public interface Credentials {

	Optional<String> authorization();

	default void invalidate() {}

	static Credentials of(EhrAuth auth, CloseableHttpClient tokenHttp, Clock clock) {
		return switch (auth.type()) {
			case NONE -> Optional::empty;
			case BASIC -> fixed("Basic " + Base64.getEncoder()
					.encodeToString((required(auth.username(), "username") + ":" + required(auth.password(), "password"))
							.getBytes(StandardCharsets.UTF_8)));
			case BEARER -> fixed("Bearer " + required(auth.token(), "token"));
			case CLIENT_CREDENTIALS -> new OAuthTokens(auth, TokenRequests.clientSecret(auth), tokenHttp, clock);
			case SMART_BACKEND -> new OAuthTokens(auth, TokenRequests.clientAssertion(auth, clock), tokenHttp, clock);
		};
	}

	private static Credentials fixed(String header) {
		Optional<String> value = Optional.of(header);
		return () -> value;
	}

	static String required(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("EHR source auth needs '" + name + "'");
		}
		return value;
	}
}
