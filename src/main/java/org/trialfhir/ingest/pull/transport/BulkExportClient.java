package org.trialfhir.ingest.pull.transport;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.util.UrlUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.source.EhrSource;

/** The HTTP side of a Bulk Data export: kick-off, status polling, file download, clean-up. */
@Component
public class BulkExportClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A completed export. */
	public record Manifest(String statusUrl, Instant transactionTime, boolean requiresAccessToken, List<Output> outputs,
			List<String> errors) {}

	/** One NDJSON file of the export. */
	public record Output(String type, String url) {}

	/** A status poll: the manifest once complete, else how long the source asked us to wait. */
	private record Status(Optional<Manifest> manifest, Optional<Duration> retryAfter) {}

	public Manifest export(SourceClient client, Collection<String> patientIds, Optional<Instant> since) {
		String statusUrl = client.retrier.call("$export kick-off", () -> kickOff(client, patientIds, since));
		EhrSource.BulkExport settings = client.source().bulk();
		Instant giveUp = Instant.now().plus(settings.maxWait());
		while (true) {
			Status status = client.retrier.call("GET " + statusUrl, () -> poll(client, statusUrl));
			if (status.manifest().isPresent()) {
				return status.manifest().get();
			}
			if (Instant.now().isAfter(giveUp)) {
				throw new SourceFailure("export " + statusUrl, Fault.FATAL, 1,
						new IllegalStateException("not complete after " + settings.maxWait()));
			}
			sleep(status.retryAfter().orElse(settings.pollInterval()));
		}
	}

	public Path download(SourceClient client, String url, boolean requiresAccessToken) {
		return client.retrier.call("GET " + url, () -> {
			HttpGet get = new HttpGet(url);
			get.setHeader("Accept", "application/fhir+ndjson");
			HttpClientContext context = HttpClientContext.create();
			if (!requiresAccessToken) {
				context.setAttribute(SourceHttp.ANONYMOUS, Boolean.TRUE);
			}
			Path file = Files.createTempFile("trialfhir-export-", ".ndjson");
			try (CloseableHttpResponse response = client.http.execute(get, context)) {
				requireSuccess(response, url);
				try (InputStream body = response.getEntity().getContent()) {
					Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
				}
				return file;
			} catch (IOException | RuntimeException e) {
				Files.deleteIfExists(file);
				throw e;
			}
		});
	}

	/** Tells the source it may delete the export's files (best effort). */
	public void delete(SourceClient client, String statusUrl) {
		try (CloseableHttpResponse response = client.http.execute(new HttpDelete(statusUrl))) {
			EntityUtils.consumeQuietly(response.getEntity());
		} catch (IOException | RuntimeException ignored) {
			// the source removes expired exports itself
		}
	}

	private String kickOff(SourceClient client, Collection<String> patientIds, Optional<Instant> since)
			throws IOException {
		EhrSource source = client.source();
		HttpUriRequest request = switch (source.bulk().level()) {
			case GROUP -> new HttpGet(source.base() + "/Group/" + UrlUtil.escapeUrlParam(source.bulk().groupId())
					+ "/$export?_type=Observation"
					+ since.map(s -> "&_since=" + UrlUtil.escapeUrlParam(s.toString())).orElse(""));
			case PATIENT -> {
				Parameters parameters = new Parameters();
				parameters.addParameter("_type", new StringType("Observation"));
				since.ifPresent(s -> parameters.addParameter("_since", new InstantType(java.util.Date.from(s))));
				patientIds.forEach(id -> parameters.addParameter().setName("patient")
						.setValue(new Reference("Patient/" + id)));
				HttpPost post = new HttpPost(source.base() + "/Patient/$export");
				post.setEntity(new StringEntity(client.fhirContext().newJsonParser()
						.encodeResourceToString(parameters),
						ContentType.create("application/fhir+json",
								StandardCharsets.UTF_8)));
				yield post;
			}
		};
		request.setHeader("Accept", "application/fhir+json");
		request.setHeader("Prefer", "respond-async");
		try (CloseableHttpResponse response = client.http.execute(request)) {
			requireSuccess(response, request.getURI().toString());
			Header location = response.getFirstHeader("Content-Location");
			if (response.getStatusLine().getStatusCode() != 202 || location == null) {
				throw new Fault.MalformedContentException("$export kick-off answered "
						+ response.getStatusLine().getStatusCode() + " without Content-Location");
			}
			return location.getValue();
		}
	}

	private Status poll(SourceClient client, String statusUrl) throws IOException {
		HttpGet get = new HttpGet(statusUrl);
		get.setHeader("Accept", "application/json");
		try (CloseableHttpResponse response = client.http.execute(get)) {
			requireSuccess(response, statusUrl);
			if (response.getStatusLine().getStatusCode() == 202) { // still running
				return new Status(Optional.empty(),
						RetryAfterException.parse(response.getFirstHeader("Retry-After"), Instant.now()));
			}
			return new Status(Optional.of(manifest(statusUrl, JSON.readTree(EntityUtils.toString(response.getEntity(),
					StandardCharsets.UTF_8)))), Optional.empty());
		}
	}

	private static Manifest manifest(String statusUrl, JsonNode json) {
		if (!json.hasNonNull("transactionTime") || !json.has("output")) {
			throw new Fault.MalformedContentException("export manifest without transactionTime or output");
		}
		List<Output> outputs = new ArrayList<>();
		json.get("output").forEach(o -> outputs.add(new Output(o.path("type").asText(), o.path("url").asText())));
		List<String> errors = new ArrayList<>();
		json.path("error").forEach(e -> errors.add(e.path("url").asText()));
		Instant transactionTime = new InstantType(json.get("transactionTime").asText()).getValue().toInstant();
		return new Manifest(statusUrl, transactionTime, json.path("requiresAccessToken").asBoolean(true), outputs,
				errors);
	}

	private static void requireSuccess(HttpResponse response, String url) throws IOException {
		int status = response.getStatusLine().getStatusCode();
		if (status >= 300) {
			String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
			throw BaseServerResponseException.newInstance(status, "GET " + url + " answered " + status + ": "
					+ body.substring(0, Math.min(body.length(), 300)));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PullInterruptedException();
		}
	}
}
