package org.trialfhir.errors;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts our log filters on Logback's context ({@link ExpectedFailureLogFilter} in place of switching two loggers off,
 * {@link IdentifierRedactingLogFilter}): once per logger context, however many application contexts share it.
 */
@Component
class LogFilterInstaller {

	LogFilterInstaller() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			install(logback, ExpectedFailureLogFilter.class, ExpectedFailureLogFilter::new);
			install(logback, IdentifierRedactingLogFilter.class, IdentifierRedactingLogFilter::new);
		}
	}

	private static <F extends TurboFilter> void install(LoggerContext logback, Class<F> type, Supplier<F> filters) {
		if (logback.getTurboFilterList().stream().noneMatch(type::isInstance)) {
			F filter = filters.get();
			filter.setContext(logback);
			filter.start();
			logback.addTurboFilter(filter);
		}
	}
}
