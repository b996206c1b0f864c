package org.trialfhir.bulkimport;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code $import}'s settings.
 *
 * @param allowedHosts the only hosts an input {@code url} may name (exact host names, case-insensitive); empty (the
 *        default) refuses every URL, so only inline NDJSON can be imported
 * @param chunkSize lines per chunk: one FHIR transaction, and the unit of resumption after a crash
 * @param maxUrlBytes the most read from one input URL
 * @param fetchTimeout how long fetching one input URL may take
 * @param parallelism chunks of a job prepared and written at the same time, each in its own transaction (clinical
 *        data of one type only; set-up data one chunk after the other)
 */
@ConfigurationProperties("trialfhir.import")
record ImportProperties(List<String> allowedHosts, int chunkSize, long maxUrlBytes, Duration fetchTimeout,
		Integer parallelism) {

	ImportProperties {
		allowedHosts = allowedHosts == null ? List.of()
				: allowedHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).toList();
		chunkSize = chunkSize <= 0 ? 500 : chunkSize;
		maxUrlBytes = maxUrlBytes <= 0 ? 1L << 30 : maxUrlBytes;
		fetchTimeout = fetchTimeout == null ? Duration.ofMinutes(10) : fetchTimeout;
		parallelism = parallelism == null ? 2 : parallelism;
		if (parallelism < 1) {
			throw new IllegalArgumentException("trialfhir.import.parallelism must be at least 1, got " + parallelism);
		}
	}

	boolean allows(String host) {
		return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
	}
}
