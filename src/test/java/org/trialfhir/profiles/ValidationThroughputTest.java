package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, never asserts) validations per second of the valid examples on the shared validator, for the
 * lead's benchmark notes. What it asserts is that repeated and concurrent validation keeps giving the same, clean
 * results: the cached chain is shared between threads.
 */
class ValidationThroughputTest {

	static final int ROUNDS = 10;

	@Test
	void validatesTheExamplesRepeatedlyOnOneAndTwoThreads() throws Exception {
		List<IBaseResource> examples = SharedValidator.jsonFiles(ExamplesTest.VALID).stream()
				.map(SharedValidator::read).toList();
		examples.forEach(VALIDATOR::validate); // same warm start for both measurements

		long single = run(examples, 1);
		long dual = run(examples, 2);

		System.out.printf("TrialValidator throughput (%d examples x %d rounds): 1 thread %.0f validations/s, "
				+ "2 threads %.0f validations/s (%d cores)%n", examples.size(), ROUNDS,
				rate(examples.size() * ROUNDS, single), rate(2 * examples.size() * ROUNDS, dual),
				Runtime.getRuntime().availableProcessors());
	}

	/** Each thread validates every example ROUNDS times; returns elapsed nanoseconds. */
	private static long run(List<IBaseResource> examples, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<Integer>> errors = pool.invokeAll(java.util.Collections.nCopies(threads, () -> {
				int count = 0;
				for (int round = 0; round < ROUNDS; round++) {
					for (IBaseResource example : examples) {
						count += VALIDATOR.validate(example).errors().size();
					}
				}
				return count;
			}));
			long elapsed = System.nanoTime() - start;
			for (Future<Integer> e : errors) {
				assertThat(e.get()).isZero();
			}
			return elapsed;
		} finally {
			pool.shutdown();
		}
	}

	private static double rate(int validations, long nanos) {
		return validations / (nanos / 1e9);
	}
}
