package org.trialfhir.ingest.pull.transport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.trialfhir.ingest.pull.auth.Credentials;
import org.trialfhir.ingest.pull.source.EhrSource;

/**
 * Runs one call to a source with bounded retries: exponential backoff with jitter (each wait is drawn from
 * [d/2, d] with d = initial · 2^(attempt−1), capped — "equal jitter", AWS Architecture Blog, "Exponential Backoff
 * And Jitter", 2015), or exactly the server's Retry-After when it sent one. A refused token is dropped and fetched
 * again once. Anything else (4xx, a bad configuration) fails at once.
 */
final class Retrier {

	/** Waits between attempts; a test may record instead of sleeping. */
	interface Sleeper {
		void sleep(Duration duration) throws InterruptedException;
	}

	/** Told about every retry, for logs and metrics. */
	interface Listener {
		void retrying(String what, Fault fault, int failedAttempt, Duration wait, Exception failure);
	}

	private final EhrSource.RetryPolicy policy;
	private final Credentials credentials;
	private final Sleeper sleeper;
	private final Listener listener;
	private final RandomGenerator random;

	Retrier(EhrSource.RetryPolicy policy, Credentials credentials, Sleeper sleeper, Listener listener,
			RandomGenerator random) {
		this.policy = policy;
		this.credentials = credentials;
		this.sleeper = sleeper;
		this.listener = listener;
		this.random = random;
	}

	<T> T call(String what, Callable<T> action) {
		boolean tokenRenewed = false;
		for (int attempt = 1;; attempt++) {
			try {
				return action.call();
			} catch (Exception failure) {
				Fault fault = Fault.of(failure);
				boolean again = fault.retryable && attempt < policy.maxAttempts()
						&& !(fault == Fault.UNAUTHORIZED && tokenRenewed);
				if (!again) {
					throw new SourceFailure(what, fault, attempt, failure);
				}
				if (fault == Fault.UNAUTHORIZED) {
					credentials.invalidate();
					tokenRenewed = true;
				}
				int failedAttempt = attempt;
				Duration wait = Fault.retryAfter(failure).map(this::capRetryAfter).orElseGet(() -> backoff(failedAttempt));
				listener.retrying(what, fault, attempt, wait, failure);
				pause(wait);
			}
		}
	}

	Duration backoff(int attempt) {
		long initial = policy.initialBackoff().toMillis();
		long cap = policy.maxBackoff().toMillis();
		long exponential = Math.min(cap, initial << Math.min(attempt - 1, 30));
		long half = exponential / 2;
		return Duration.ofMillis(half + random.nextLong(exponential - half + 1));
	}

	private Duration capRetryAfter(Duration requested) {
		return requested.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : requested;
	}

	private void pause(Duration wait) {
		try {
			sleeper.sleep(wait);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PullInterruptedException();
		}
	}
}
