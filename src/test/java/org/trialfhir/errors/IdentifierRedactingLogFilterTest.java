package org.trialfhir.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the appenders when a message names an identifier search. */
class IdentifierRedactingLogFilterTest {

	final ListAppender<ILoggingEvent> appender = new ListAppender<>();
	Logger logger;

	@BeforeEach
	void logback() {
		LoggerContext context = new LoggerContext();
		IdentifierRedactingLogFilter filter = new IdentifierRedactingLogFilter();
		filter.setContext(context);
		filter.start();
		context.addTurboFilter(filter);
		appender.setContext(context);
		appender.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
		logger = context.getLogger("some.library");
	}

	@Test
	void matchUrlInHapisMessageLosesTheMrn() {
		logger.warn("Failure during REST processing: {}", "PreconditionFailedException: HAPI-0958: Failed to CREATE "
				+ "resource with match URL \"Patient?identifier=http://hospital-a.example/mrn|0012345\" because this "
				+ "search matched 2 resources");

		ILoggingEvent event = onlyEvent();
		assertThat(event.getLevel()).isEqualTo(Level.WARN);
		assertThat(event.getFormattedMessage()).isEqualTo("Failure during REST processing: "
				+ "PreconditionFailedException: HAPI-0958: Failed to CREATE resource with match URL "
				+ "\"Patient?identifier=***\" because this search matched 2 resources");
	}

	@Test
	void encodedChainedAndModifiedIdentifierSearchesLoseTheirValues() {
		Exception timeout = new SocketTimeoutException("Read timed out");
		logger.info("EHR source {}: {} failed, retrying: {}", "hospital-a",
				"GET Patient?identifier=http%3A%2F%2Fhospital-a.example%2Fmrn%7C0012345&_count=5",
				timeout.getMessage());
		logger.error("search Observation?subject.identifier=0012345&code=777-3 and Patient?identifier:of-type="
				+ "http://terminology.hl7.org/CodeSystem/v2-0203|MR|0012345 failed", timeout);

		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
				"EHR source hospital-a: GET Patient?identifier=***&_count=5 failed, retrying: Read timed out",
				"search Observation?subject.identifier=***&code=777-3 and Patient?identifier:of-type=*** failed");
		assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.ERROR);
		assertThat(appender.list.get(1).getThrowableProxy().getMessage()).isEqualTo("Read timed out");
	}

	@Test
	void messagesWithoutAnIdentifierSearchAreUntouched() {
		logger.warn("identifier {} already belongs to Observation/{}", "http://lab.example|A-1", "7");

		ILoggingEvent event = onlyEvent();
		assertThat(event.getFormattedMessage())
				.isEqualTo("identifier http://lab.example|A-1 already belongs to Observation/7");
		assertThat(event.getArgumentArray()).isNotNull(); // the original event, not a re-logged copy
	}

	private ILoggingEvent onlyEvent() {
		assertThat(appender.list).hasSize(1);
		return appender.list.get(0);
	}
}
