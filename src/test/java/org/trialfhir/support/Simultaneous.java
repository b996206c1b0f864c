package org.trialfhir.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests released at the same instant for the race tests, one thread each up to {@value #MAX_THREADS} (more queue
 * behind them); the answers in the order given. An answer that takes more than five minutes fails the test instead of
 * hanging the build.
 */
public final class Simultaneous {

	private static final int MAX_THREADS = 16;

	private Simultaneous() {
	}

	public static <T> List<T> send(List<Callable<T>> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(requests.size(), MAX_THREADS)));
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> pending = new ArrayList<>();
			for (Callable<T> request : requests) {
				pending.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<T> answers = new ArrayList<>();
			for (Future<T> answer : pending) {
				answers.add(answer.get(5, TimeUnit.MINUTES));
			}
			return answers;
		} finally {
			pool.shutdown();
		}
	}
}
