package org.trialfhir.ingest.pull.bookkeeping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Pull metrics, exported on /actuator/prometheus as {@code trialfhir_ingest_pull_resources_total{source,outcome}},
 * {@code trialfhir_ingest_pull_retries_total{source,fault}}, {@code trialfhir_ingest_pull_runs_total{source,result}},
 * {@code trialfhir_ingest_pull_duration_seconds{source}} and {@code trialfhir_ingest_pull_last_success_seconds{source}}.
 */
@Component
public class PullMetrics {

	private final MeterRegistry registry;
	private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	PullMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public void resources(String source, String outcome, long count) {
		if (count > 0) {
			Counter.builder("trialfhir.ingest.pull.resources").description("Observations seen by pulls, by outcome")
					.tags("source", source, "outcome", outcome).register(registry).increment(count);
		}
	}

	/** @param fault the tag of the fault that made the call retry ({@code server-error}, {@code rate-limited}, …) */
	public void retry(String source, String fault) {
		Counter.builder("trialfhir.ingest.pull.retries").description("Calls to a source retried, by fault")
				.tags("source", source, "fault", fault).register(registry).increment();
	}

	public void run(String source, String result, Duration duration) {
		Counter.builder("trialfhir.ingest.pull.runs").description("Pull runs, by result")
				.tags("source", source, "result", result).register(registry).increment();
		Timer.builder("trialfhir.ingest.pull.duration").description("Duration of pull runs")
				.tags("source", source).register(registry).record(duration);
		if ("completed".equals(result)) {
			lastSuccess.computeIfAbsent(source, name -> {
				AtomicLong seconds = new AtomicLong();
				Gauge.builder("trialfhir.ingest.pull.last.success", seconds, AtomicLong::get)
						.description("End of the last pull run without errors (epoch seconds)")
						.baseUnit("seconds").tags("source", name).register(registry);
				return seconds;
			}).set(Instant.now().getEpochSecond());
		}
	}
}
