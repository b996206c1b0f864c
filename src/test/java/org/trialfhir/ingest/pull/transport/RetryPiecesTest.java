package org.trialfhir.ingest.pull.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.http.message.BasicHeader;
import org.junit.jupiter.api.Test;
import org.trialfhir.ingest.pull.source.EhrSource;

/** The small rules of retrying a call to a source, each checked by hand. */
class RetryPiecesTest {

	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@Test
	void retryAfterInSecondsOrAsAnHttpDate() {
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "120"), NOW))
				.contains(Duration.ofSeconds(120));
		// RFC 9110 example format; 90 s after NOW
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "Fri, 1 May 2026 12:01:30 GMT"), NOW))
				.contains(Duration.ofSeconds(90));
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "Fri, 1 May 2026 11:00:00 GMT"), NOW))
				.contains(Duration.ZERO); // a date in the past: now
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "soon"), NOW)).isEmpty();
		assertThat(RetryAfterException.parse(null, NOW)).isEmpty();
	}

	@Test
	void backoffDoublesFromTheInitialWaitUpToTheCapWithJitterInTheUpperHalf() {
		EhrSource.RetryPolicy policy = new EhrSource.RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000),
				null);
		Retrier retrier = new Retrier(policy, Optional::empty, d -> {}, (what, fault, attempt, wait, failure) -> {},
				new java.util.Random(1));
		// d = 100·2^(n-1) ms capped at 1000: 100, 200, 400, 800, 1000, 1000; each wait in [d/2, d]
		long[] ceilings = {100, 200, 400, 800, 1000, 1000};
		for (int attempt = 1; attempt <= ceilings.length; attempt++) {
			for (int draw = 0; draw < 50; draw++) {
				assertThat(retrier.backoff(attempt).toMillis()).isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
			}
		}
	}
}
