package org.trialfhir.errors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Marker;

/**
 * Logs at INFO what two libraries log at ERROR although it is an expected client error, so that ERROR stays for
 * faults of the server; nothing else is touched.
 * <ul>
 * <li>HAPI's interceptor service logs every exception a hook throws at ERROR with its stack trace, also the 4xx our
 * hooks throw on purpose (a scope refusal's 403, a validation's 422). A hook exception that answers 4xx is logged at
 * INFO with its message and without stack trace; any other stays ERROR with its stack trace.
 * <li>Hibernate logs each SQL error twice: its SQLState at WARN, its message at ERROR. Identical keyed pushes racing
 * end in a violation of HAPI's combo unique index, which HAPI retries (docs/ingestion.md): that message is INFO. The
 * SQLState line of any unique violation is INFO too, since the message line after it names the index; every other
 * SQL error is logged as Hibernate logs it.
 * </ul>
 * A turbo filter cannot change an event: it refuses the original and logs the lowered one itself.
 */
final class ExpectedFailureLogFilter extends TurboFilter {

	static final String HOOK_LOGGER = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";
	static final String SQL_LOGGER = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";
	/** HAPI's unique index of combo unique search parameters (HFJ_IDX_CMP_STRING_UNIQ), as PostgreSQL names it. */
	static final String COMBO_UNIQUE_INDEX = "idx_idxcmpstruniq_string";
	static final String UNIQUE_VIOLATION_STATE = "SQLState: 23505";

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (format == null || level == null) {
			return FilterReply.NEUTRAL; // an isEnabled check, not an event
		}
		if (level == Level.ERROR && HOOK_LOGGER.equals(logger.getName())) {
			Throwable thrown = t != null ? t : trailingThrowable(params);
			if (thrown != null && isClientError(thrown)) {
				logger.info(format, withoutTrailingThrowable(params));
				return FilterReply.DENY;
			}
		}
		if (SQL_LOGGER.equals(logger.getName()) && isExpectedSqlError(level, format)) {
			logger.info(format, params);
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

	/** Whether HAPI answers the exception with a 4xx: as the domain failure behind it decides, else its status. */
	static boolean isClientError(Throwable thrown) {
		int status = TrialFhirException.behind(thrown).map(OperationOutcomes::status).orElseGet(
				() -> thrown instanceof BaseServerResponseException response ? response.getStatusCode() : 500);
		return status >= 400 && status < 500;
	}

	private static boolean isExpectedSqlError(Level level, String message) {
		return (level == Level.WARN && message.contains(UNIQUE_VIOLATION_STATE))
				|| (level == Level.ERROR && message.toLowerCase(Locale.ROOT).contains(COMBO_UNIQUE_INDEX));
	}

	private static Throwable trailingThrowable(Object[] params) {
		return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable thrown
				? thrown : null;
	}

	private static Object[] withoutTrailingThrowable(Object[] params) {
		return trailingThrowable(params) == null ? params : Arrays.copyOf(params, params.length - 1);
	}
}
