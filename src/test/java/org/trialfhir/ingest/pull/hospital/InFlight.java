package org.trialfhir.ingest.pull.hospital;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many FHIR requests the hospital is serving at once, and the most it ever served at once. One pull sends its
 * requests one after another, so a peak above one means two pulls overlapped.
 */
public final class InFlight implements Filter {

	private final AtomicInteger now = new AtomicInteger();
	private final AtomicInteger peak = new AtomicInteger();

	public int peak() {
		return peak.get();
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		peak.accumulateAndGet(now.incrementAndGet(), Math::max);
		try {
			chain.doFilter(request, response);
		} finally {
			now.decrementAndGet();
		}
	}
}
