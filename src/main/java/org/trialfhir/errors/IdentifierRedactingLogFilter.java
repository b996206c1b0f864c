package org.trialfhir.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps identifier values, medical record numbers above all, out of the logs: in every log message the value of a
 * search on an identifier ({@code identifier=<system>|<value>}, %-encoded or not, chained or with a modifier) is
 * replaced by {@value #REDACTED}. HAPI quotes such searches in the messages it logs (a conditional create's match URL
 * that matched twice), and so does the EHR pull when a patient search by MRN fails and is retried.
 *
 * <p>A turbo filter cannot change an event: it refuses the original and logs the redacted one itself. Stack traces
 * are logged as they are.
 */
final class IdentifierRedactingLogFilter extends TurboFilter {

	static final String REDACTED = "***";
	private static final String IDENTIFIER = "identifier";
	/** FHIR search parameter names are case-sensitive: an identifier search is spelled in lower case. */
	private static final Pattern IDENTIFIER_SEARCH = Pattern.compile("(identifier[^=&\\s\"']*=)([^&\\s\"']*)");

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (format == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())
				|| !mentionsIdentifier(format, params)) {
			return FilterReply.NEUTRAL; // checked cheapest first: this runs for every log call, also disabled ones
		}
		FormattingTuple formatted = MessageFormatter.arrayFormat(format, params);
		String redacted = redact(formatted.getMessage());
		if (redacted.equals(formatted.getMessage())) {
			return FilterReply.NEUTRAL; // also the redacted event itself, when it comes through here
		}
		Throwable thrown = t != null ? t : formatted.getThrowable();
		logger.log(marker, IdentifierRedactingLogFilter.class.getName(), Level.toLocationAwareLoggerInteger(level),
				redacted, null, thrown);
		return FilterReply.DENY;
	}

	static String redact(String message) {
		return IDENTIFIER_SEARCH.matcher(message)
				.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + REDACTED));
	}

	/** A cheap first look: only messages naming an identifier are formatted. */
	private static boolean mentionsIdentifier(String format, Object[] params) {
		if (format.contains(IDENTIFIER)) {
			return true;
		}
		if (params != null) {
			for (Object param : params) {
				if (param instanceof CharSequence text && text.toString().contains(IDENTIFIER)) {
					return true;
				}
			}
		}
		return false;
	}
}
