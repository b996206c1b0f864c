package org.trialfhir.bench.validation;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.trialfhir.profiles.TrialValidator;

/**
 * Validations per second of the valid examples (src/test/resources/valid) on one {@link TrialValidator}, built as
 * the server builds it, on one thread and on two (bench/README.md). Prints one JSON line per round.
 *
 * <p>Arguments: the examples folder, rounds, validations of every example per thread and round.
 */
public final class ValidationBenchmark {

	public static void main(String[] args) throws Exception {
		Path folder = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		int repeats = Integer.parseInt(args[2]);
		FhirContext ctx = FhirContext.forR4Cached();
		TrialValidator validator = new TrialValidator(ctx);
		List<IBaseResource> examples;
		try (Stream<Path> files = Files.list(folder)) {
			examples = files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> read(ctx, p)).toList();
		}
		examples.forEach(validator::validate); // warm-up: the validation chain's caches, the JIT
		for (int round = 1; round <= rounds; round++) {
			double one = perSecond(validator, examples, repeats, 1);
			double two = perSecond(validator, examples, repeats, 2);
			System.out.printf(Locale.ROOT, "{\"round\":%d,\"examples\":%d,\"repeats\":%d,\"one_thread_per_s\":%.1f,"
					+ "\"two_threads_per_s\":%.1f,\"cores\":%d}%n", round, examples.size(), repeats, one, two,
					Runtime.getRuntime().availableProcessors());
		}
	}

	/** Each thread validates every example {@code repeats} times; fails on any error (the examples are valid). */
	static double perSecond(TrialValidator validator, List<IBaseResource> examples, int repeats, int threads)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<Integer>> errors = pool.invokeAll(Collections.nCopies(threads, () -> {
				int count = 0;
				for (int i = 0; i < repeats; i++) {
					for (IBaseResource example : examples) {
						count += validator.validate(example).errors().size();
					}
				}
				return count;
			}));
			long elapsed = System.nanoTime() - start;
			for (Future<Integer> e : errors) {
				if (e.get() != 0) {
					throw new IllegalStateException(e.get() + " validation errors on the valid examples");
				}
			}
			return (double) threads * repeats * examples.size() / (elapsed / 1e9);
		} finally {
			pool.shutdown();
		}
	}

	private static IBaseResource read(FhirContext ctx, Path file) {
		try {
			return ctx.newJsonParser().parseResource(Files.readString(file));
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
