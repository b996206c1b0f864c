package org.trialfhir.ingest.pull.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * One hospital FHIR R4 server.
 *
 * @param name id used in Provenance, counts, metrics and the cursor table
 * @param baseUrl FHIR base, e.g. https://ehr.example/fhir
 * @param patientIdentifierSystem the MRN system in Patient.identifier, shared by our Patient and the hospital's
 * @param auth how to authenticate (default none)
 * @param schedule Spring cron ("0 *&#47;15 * * * *"); absent = manual {@code $pull} only
 * @param pageSize {@code _count} of search pages (default 200)
 * @param timeout connect and read timeout of every call (default 30 s)
 * @param mode FHIR search (default) or Bulk Data {@code $export}
 * @param bulk Bulk Data settings, used in {@link FetchMode#BULK_EXPORT} mode
 * @param retry backoff on faults
 * @param adjudication whether a coordinator must accept each pulled value before it counts (default none)
 */
public record EhrSource(
		@NotBlank String name,
		@NotNull URI baseUrl,
		@NotBlank String patientIdentifierSystem,
		@Valid EhrAuth auth,
		String schedule,
		@Min(1) Integer pageSize,
		Duration timeout,
		FetchMode mode,
		@Valid BulkExport bulk,
		@Valid RetryPolicy retry,
		Adjudication adjudication) {

	public EhrSource {
		auth = auth == null ? EhrAuth.NONE : auth;
		pageSize = pageSize == null ? 200 : pageSize;
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		mode = mode == null ? FetchMode.SEARCH : mode;
		bulk = bulk == null ? new BulkExport(null, null, null, null) : bulk;
		retry = retry == null ? new RetryPolicy(null, null, null, null) : retry;
		adjudication = adjudication == null ? Adjudication.NONE : adjudication;
	}

	/** This source with another adjudication setting. */
	public EhrSource withAdjudication(Adjudication setting) {
		return new EhrSource(name, baseUrl, patientIdentifierSystem, auth, schedule, pageSize, timeout, mode, bulk, retry,
				setting);
	}

	/** Whether a pulled value counts as soon as it is stored, or waits for a coordinator's {@code $adjudicate}. */
	public enum Adjudication {
		/** Stored as the hospital sent it and counted at once (the behaviour without adjudication). */
		NONE,
		/** Stored {@code preliminary} and tagged pending; counts only once accepted (docs/data-quality.md). */
		REQUIRED
	}

	/** The base URL without a trailing slash, as it prefixes meta.source and the origin identifier system. */
	public String base() {
		String url = baseUrl.toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** Identifier system of pulled Observations: {@code <base-url>/Observation}. */
	public String observationIdentifierSystem() {
		return base() + "/Observation";
	}

	/** How a pull fetches Observations from a source. */
	public enum FetchMode {
		/** {@code Observation?patient=…&code=…&_lastUpdated=ge…}, following next links. */
		SEARCH,
		/** Bulk Data {@code $export} (NDJSON), Patient or Group level, with {@code _since}. */
		BULK_EXPORT
	}

	/**
	 * Bulk Data export settings.
	 *
	 * @param level {@code patient} ({@code Patient/$export}) or {@code group} ({@code Group/[group-id]/$export})
	 * @param groupId the hospital's Group of trial patients, for group level
	 * @param pollInterval wait between status polls when the server sends no Retry-After (default 2 s)
	 * @param maxWait give up on an export that is not complete after this long (default 30 min)
	 */
	public record BulkExport(Level level, String groupId, Duration pollInterval, Duration maxWait) {

		public BulkExport {
			level = level == null ? Level.PATIENT : level;
			pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
			maxWait = maxWait == null ? Duration.ofMinutes(30) : maxWait;
		}

		/** Which kick-off endpoint. */
		public enum Level {
			PATIENT,
			GROUP
		}
	}

	/**
	 * Bounded exponential backoff with jitter for 5xx, 429, timeouts, connection errors and malformed pages.
	 *
	 * @param maxAttempts attempts per call, the first included (default 5)
	 * @param initialBackoff wait before the first retry, doubled each time (default 500 ms)
	 * @param maxBackoff cap of one wait (default 30 s)
	 * @param maxRetryAfter cap of a server's Retry-After (default 5 min)
	 */
	public record RetryPolicy(
			@Min(1) Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

		public RetryPolicy {
			maxAttempts = maxAttempts == null ? 5 : maxAttempts;
			initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
			maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
			maxRetryAfter = maxRetryAfter == null ? Duration.ofMinutes(5) : maxRetryAfter;
		}
	}
}
