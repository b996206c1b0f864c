package org.trialfhir.bulkimport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads an input URL: only from a host on {@code trialfhir.import.allowed-hosts} (checked again here, the list may
 * have changed since the kick-off), no redirect followed (a redirect could lead off the list), at most
 * {@code max-url-bytes}.
 */
@Component
class InputFetcher {

	/** The input could not be read; the job fails with this message. */
	static final class FetchFailure extends RuntimeException {
		FetchFailure(String message) {
			super(message);
		}
	}

	private final ImportProperties properties;
	private final HttpClient http;

	InputFetcher(ImportProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(10)).build();
	}

	List<NdjsonLine> fetch(UrlInput input) {
		if (!properties.allows(input.url().getHost())) {
			throw new FetchFailure(input.url() + ": the host is not on trialfhir.import.allowed-hosts");
		}
		HttpRequest request = HttpRequest.newBuilder(input.url()).timeout(properties.fetchTimeout())
				.header("Accept", "application/fhir+ndjson").GET().build();
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw new FetchFailure(input.url() + " answered " + response.statusCode()
							+ (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
				}
				byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxUrlBytes() + 1));
				if (read.length > properties.maxUrlBytes()) {
					throw new FetchFailure(input.url() + " is larger than trialfhir.import.max-url-bytes ("
							+ properties.maxUrlBytes() + ")");
				}
				return NdjsonLine.split(new String(read, StandardCharsets.UTF_8));
			}
		} catch (IOException e) {
			throw new FetchFailure(input.url() + " could not be read: " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new FetchFailure(input.url() + ": interrupted");
		}
	}
}
