package org.trialfhir.ingest.pull.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.trialfhir.ingest.pull.source.EhrAuth;

/**
 * An OAuth 2.0 access token for one source, obtained by the client credentials grant and cached until shortly before
 * it expires: one token for all the calls of all the threads of the source.
 */
final class OAuthTokens implements Credentials {

	/** Tokens without expires_in are kept this long. */
	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final EhrAuth auth;
	private final TokenRequests.Factory requests;
	private final CloseableHttpClient http;
	private final Clock clock;
	private Token cached;

	OAuthTokens(EhrAuth auth, TokenRequests.Factory requests, CloseableHttpClient http, Clock clock) {
		if (auth.tokenUrl() == null) {
			throw new IllegalArgumentException("EHR source auth needs 'token-url'");
		}
		this.auth = auth;
		this.requests = requests;
		this.http = http;
		this.clock = clock;
	}

	@Override
	public synchronized Optional<String> authorization() {
		if (cached == null || cached.refreshDue(clock.instant())) {
			cached = fetch();
		}
		return Optional.of("Bearer " + cached.value());
	}

	@Override
	public synchronized void invalidate() {
		cached = null;
	}

	private Token fetch() {
		TokenRequests.TokenRequest request = requests.next();
		HttpPost post = new HttpPost(auth.tokenUrl());
		post.setHeader("Accept", "application/json");
		request.authorization().ifPresent(value -> post.setHeader("Authorization", value));
		post.setEntity(new UrlEncodedFormEntity(request.form(), StandardCharsets.UTF_8));
		Instant asked = clock.instant();
		try (CloseableHttpResponse response = http.execute(post)) {
			int status = response.getStatusLine().getStatusCode();
			JsonNode body = parse(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
			if (status != 200 || !body.hasNonNull("access_token")) {
				// only the status and the OAuth error code: the body may echo credentials
				throw new TokenFailure("token endpoint " + auth.tokenUrl() + " answered " + status
						+ (body.hasNonNull("error") ? " " + body.get("error").asText() : ""), status >= 500);
			}
			Duration lifetime = body.hasNonNull("expires_in")
					? Duration.ofSeconds(body.get("expires_in").asLong())
					: DEFAULT_LIFETIME;
			return new Token(body.get("access_token").asText(), asked, asked.plus(lifetime));
		} catch (IOException e) {
			throw new TokenFailure("token endpoint " + auth.tokenUrl() + " unreachable: " + e.getMessage(), true);
		}
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		} catch (IOException notJson) {
			return JSON.createObjectNode();
		}
	}

	/** A token and when to replace it: a tenth of its lifetime (at most a minute) before it expires. */
	record Token(String value, Instant obtained, Instant expires) {

		boolean refreshDue(Instant now) {
			Duration margin = Duration.between(obtained, expires).dividedBy(10);
			if (margin.compareTo(Duration.ofMinutes(1)) > 0) {
				margin = Duration.ofMinutes(1);
			}
			return !now.isBefore(expires.minus(margin));
		}

		@Override
		public String toString() {
			return "Token[expires=" + expires + "]";
		}
	}
}
