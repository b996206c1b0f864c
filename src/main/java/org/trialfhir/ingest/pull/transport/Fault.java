package org.trialfhir.ingest.pull.transport;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.trialfhir.ingest.pull.auth.TokenFailure;

/** What went wrong in a call to a source, and whether trying again may help. */
enum Fault {
	RATE_LIMITED(true),
	SERVER_ERROR(true),
	TIMEOUT(true),
	CONNECTION(true),
	MALFORMED(true),
	UNAUTHORIZED(true),
	FATAL(false);

	final boolean retryable;

	Fault(boolean retryable) {
		this.retryable = retryable;
	}

	/** The metric tag and log word. */
	String tag() {
		return name().toLowerCase().replace('_', '-');
	}

	static Fault of(Throwable failure) {
		if (find(failure, RetryAfterException.class).isPresent()) {
			return RATE_LIMITED;
		}
		Optional<TokenFailure> token = find(failure, TokenFailure.class);
		if (token.isPresent()) {
			return token.get().isTransient() ? CONNECTION : FATAL;
		}
		List<Throwable> chain = ExceptionUtils.getThrowableList(failure);
		if (chain.stream().anyMatch(SocketTimeoutException.class::isInstance)) {
			return TIMEOUT;
		}
		// a broken transport (refused, reset, cut off mid-body); a JSON parser's complaint is not one
		if (chain.stream().anyMatch(t -> t instanceof IOException && !(t instanceof JsonProcessingException))) {
			return CONNECTION;
		}
		if (chain.stream().anyMatch(t -> t instanceof DataFormatException || t instanceof JsonProcessingException
				|| t instanceof MalformedContentException)
				|| failure instanceof NonFhirResponseException nonFhir && nonFhir.getStatusCode() < 300) {
			return MALFORMED;
		}
		if (failure instanceof BaseServerResponseException response) {
			int status = response.getStatusCode();
			if (status == 401) {
				return UNAUTHORIZED;
			}
			return status >= 500 || status == 408 ? SERVER_ERROR : FATAL;
		}
		return FATAL;
	}

	/** The wait a source asked for with Retry-After, if any. */
	static Optional<Duration> retryAfter(Throwable failure) {
		return find(failure, RetryAfterException.class).flatMap(e -> e.retryAfter);
	}

	private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		int index = ExceptionUtils.indexOfType(failure, type);
		return index < 0 ? Optional.empty() : Optional.of(type.cast(ExceptionUtils.getThrowableList(failure).get(index)));
	}

	/** A page or file that arrived but cannot be used (e.g. a Bundle that is not a searchset). */
	static final class MalformedContentException extends RuntimeException {
		MalformedContentException(String message) {
			super(message);
		}
	}
}
