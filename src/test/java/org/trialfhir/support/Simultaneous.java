package org.trialfhir.support;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Requests released at the same instant, one thread each, for the race tests; the responses in the order given. */
public final class Simultaneous {

	private Simultaneous() {
	}

	public static List<Response> send(List<Callable<Response>> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> pending = new ArrayList<>();
			for (Callable<Response> request : requests) {
				pending.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> response : pending) {
				responses.add(response.get());
			}
			return responses;
		} finally {
			pool.shutdown();
		}
	}
}
