package org.trialfhir.errors;

import java.util.Optional;

/**
 * A failure the client can act on. Domain code throws these (never HTTP codes); the FHIR endpoint's error handler
 * ({@code server/ErrorHandlingInterceptor}) turns them into an OperationOutcome with the right status.
 */
public class TrialFhirException extends RuntimeException {

	/** What kind of failure, which decides the HTTP status. */
	public enum Kind {
		INVALID_INPUT(400, "invalid"),
		NOT_FOUND(404, "not-found"),
		CONFLICT(409, "conflict"),
		PAYLOAD_TOO_LARGE(413, "too-costly"),
		UNSUPPORTED_MEDIA_TYPE(415, "not-supported"),
		UNPROCESSABLE(422, "business-rule"),
		UPSTREAM_UNAVAILABLE(503, "transient");

		final int status;
		final String issueCode;

		Kind(int status, String issueCode) {
			this.status = status;
			this.issueCode = issueCode;
		}
	}

	private final Kind kind;
	private final String location;

	public TrialFhirException(Kind kind, String message, String location) {
		super(message);
		this.kind = kind;
		this.location = location;
	}

	public TrialFhirException(Kind kind, String message) {
		this(kind, message, null);
	}

	public static TrialFhirException invalid(String location, String message) {
		return new TrialFhirException(Kind.INVALID_INPUT, message, location);
	}

	public static TrialFhirException unprocessable(String message) {
		return new TrialFhirException(Kind.UNPROCESSABLE, message, null);
	}

	public static TrialFhirException notFound(String message) {
		return new TrialFhirException(Kind.NOT_FOUND, message, null);
	}

	/** The domain failure behind an exception, however deeply wrapped: it decides the response. */
	public static Optional<TrialFhirException> behind(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof TrialFhirException failure) {
				return Optional.of(failure);
			}
		}
		return Optional.empty();
	}

	public Kind kind() {
		return kind;
	}

	/** FHIRPath of the offending element or parameter, if there is one. */
	public String location() {
		return location;
	}
}
