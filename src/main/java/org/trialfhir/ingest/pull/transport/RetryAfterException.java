package org.trialfhir.ingest.pull.transport;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.HttpResponse;

/**
 * A source said "not now": 429 Too Many Requests, or 503 with Retry-After. Thrown from the HTTP layer so that the
 * delay the source asked for reaches the retry loop (HAPI's client keeps no response headers on its exceptions).
 */
final class RetryAfterException extends IOException {

	final int status;
	final transient Optional<Duration> retryAfter;

	RetryAfterException(int status, Optional<Duration> retryAfter) {
		super("source answered " + status + retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse(""));
		this.status = status;
		this.retryAfter = retryAfter;
	}

	static Optional<RetryAfterException> of(HttpResponse response, Instant now) {
		int status = response.getStatusLine().getStatusCode();
		Optional<Duration> delay = parse(response.getFirstHeader("Retry-After"), now);
		if (status == 429 || (status == 503 && delay.isPresent())) {
			return Optional.of(new RetryAfterException(status, delay));
		}
		return Optional.empty();
	}

	/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
	static Optional<Duration> parse(Header header, Instant now) {
		if (header == null || header.getValue().isBlank()) {
			return Optional.empty();
		}
		String value = header.getValue().trim();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
		} catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
			} catch (DateTimeParseException neither) {
				return Optional.empty();
			}
		}
	}
}
