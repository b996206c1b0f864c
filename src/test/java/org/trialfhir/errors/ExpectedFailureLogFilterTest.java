package org.trialfhir.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the appenders when HAPI's hook executor and Hibernate's SQL error logger log through the filter. */
class ExpectedFailureLogFilterTest {

	/** HAPI 8.8's BaseInterceptorService message for an exception thrown by a hook. */
	static final String HOOK_FAILURE = "Exception thrown by interceptor for pointcut {}: {}";
	static final String POINTCUT = "SERVER_INCOMING_REQUEST_PRE_HANDLED";

	final ListAppender<ILoggingEvent> appender = new ListAppender<>();
	Logger hooks;
	Logger sql;

	@BeforeEach
	void logback() {
		LoggerContext context = new LoggerContext();
		ExpectedFailureLogFilter filter = new ExpectedFailureLogFilter();
		filter.setContext(context);
		filter.start();
		context.addTurboFilter(filter);
		appender.setContext(context);
		appender.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
		hooks = context.getLogger(ExpectedFailureLogFilter.HOOK_LOGGER);
		sql = context.getLogger(ExpectedFailureLogFilter.SQL_LOGGER);
	}

	@Test
	void hookRefusalWith403IsInfoWithoutStackTrace() {
		ForbiddenOperationException refused = new ForbiddenOperationException("Access denied: create on Patient");
		hooks.error(HOOK_FAILURE, POINTCUT, refused.toString(), refused);

		ILoggingEvent event = onlyEvent();
		assertThat(event.getLevel()).isEqualTo(Level.INFO);
		assertThat(event.getThrowableProxy()).isNull();
		assertThat(event.getFormattedMessage()).isEqualTo("Exception thrown by interceptor for pointcut "
				+ POINTCUT + ": " + refused);
	}

	@Test
	void validationRefusalWith422IsInfo() {
		UnprocessableEntityException invalid = new UnprocessableEntityException("Observation.code: not a trial code");
		hooks.error(HOOK_FAILURE, POINTCUT, invalid.toString(), invalid);

		assertThat(onlyEvent().getLevel()).isEqualTo(Level.INFO);
	}

	@Test
	void domainFailureWrappedInAnotherExceptionIsJudgedByItsOwnStatus() {
		RuntimeException wrapped = new IllegalStateException("wrapper",
				TrialFhirException.unprocessable("ResearchSubject/1 was randomized"));
		hooks.error(HOOK_FAILURE, POINTCUT, wrapped.toString(), wrapped);
		assertThat(onlyEvent().getLevel()).isEqualTo(Level.INFO);

		appender.list.clear();
		RuntimeException unavailable = new TrialFhirException(TrialFhirException.Kind.UPSTREAM_UNAVAILABLE, "EHR down");
		hooks.error(HOOK_FAILURE, POINTCUT, unavailable.toString(), unavailable);
		assertThat(onlyEvent().getLevel()).isEqualTo(Level.ERROR);
	}

	@Test
	void hookFaultStaysErrorWithStackTrace() {
		NullPointerException bug = new NullPointerException("subject");
		hooks.error(HOOK_FAILURE, POINTCUT, bug.toString(), bug);

		ILoggingEvent event = onlyEvent();
		assertThat(event.getLevel()).isEqualTo(Level.ERROR);
		assertThat(event.getThrowableProxy().getClassName()).isEqualTo(NullPointerException.class.getName());
	}

	@Test
	void hookServerErrorStaysError() {
		InternalErrorException fault = new InternalErrorException("database down");
		hooks.error(HOOK_FAILURE, POINTCUT, fault.toString(), fault);

		assertThat(onlyEvent().getLevel()).isEqualTo(Level.ERROR);
	}

	@Test
	void clientErrorsOfOtherLoggersAreUntouched() {
		ForbiddenOperationException refused = new ForbiddenOperationException("Access denied");
		Logger other = (Logger) hooks.getLoggerContext().getLogger("org.trialfhir.something");
		other.error("failed", refused);

		assertThat(onlyEvent().getLevel()).isEqualTo(Level.ERROR);
	}

	@Test
	void uniqueIndexRaceOfKeyedPushesIsInfo() {
		sql.warn("SQL Error: 0, SQLState: 23505");
		sql.error("ERROR: duplicate key value violates unique constraint \"idx_idxcmpstruniq_string\"");

		assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO);
		assertThat(appender.list.get(1).getFormattedMessage()).contains("idx_idxcmpstruniq_string");
	}

	@Test
	void otherUniqueViolationIsStillAnError() {
		sql.warn("SQL Error: 0, SQLState: 23505");
		sql.error("ERROR: duplicate key value violates unique constraint \"trialfhir_allocation_slot_pkey\"");

		assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.ERROR);
	}

	@Test
	void otherSqlErrorsAreUntouched() {
		sql.warn("SQL Error: 0, SQLState: 40P01");
		sql.error("ERROR: deadlock detected");

		assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.ERROR);
	}

	private ILoggingEvent onlyEvent() {
		assertThat(appender.list).hasSize(1);
		return appender.list.get(0);
	}
}
