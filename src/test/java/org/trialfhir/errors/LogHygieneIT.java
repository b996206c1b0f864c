package org.trialfhir.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/** What the running server writes to its logs: no medical record number, and no failure switched off wholesale. */
@TrialFhirServerTest
class LogHygieneIT {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Test
	void sqlErrorsDoNotQuoteRowValues() throws SQLException {
		// PostgreSQL's detail of a unique violation quotes the key, e.g. a medical record number
		try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				sql.execute("CREATE TEMPORARY TABLE log_hygiene_mrn (mrn text PRIMARY KEY) ON COMMIT DROP");
				sql.execute("INSERT INTO log_hygiene_mrn VALUES ('MRN-7654321')");
				assertThatThrownBy(() -> sql.execute("INSERT INTO log_hygiene_mrn VALUES ('MRN-7654321')"))
						.isInstanceOf(SQLException.class)
						.hasMessageContaining("log_hygiene_mrn_pkey")
						.hasMessageNotContaining("MRN-7654321");
			} finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	@Test
	void hapisMessageQuotingAnMrnSearchIsLoggedWithoutTheMrn() {
		String mrn = "MRN-" + System.nanoTime();
		IGenericClient fhir = FhirTestClient.fhir(port);
		fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1950, 5, 5))).execute();
		fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1950, 5, 5))).execute();
		ListAppender<ILoggingEvent> logged = captureLogs();
		try {
			// HAPI logs the 412 with the match URL: "Failed to CREATE resource with match URL "Patient?identifier=…""
			assertThatThrownBy(() -> fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1950, 5, 5)))
					.conditionalByUrl("Patient?identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn).execute())
					.isInstanceOf(PreconditionFailedException.class);
		} finally {
			root().detachAppender(logged);
		}
		assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy(message -> assertThat(message).contains("Patient?identifier="))
				.allSatisfy(message -> assertThat(message).doesNotContain(mrn));
	}

	@Test
	void expectedFailuresAreFilteredNotSilenced() {
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		assertThat(logback.getTurboFilterList()).hasAtLeastOneElementOfType(ExpectedFailureLogFilter.class);
		assertThat(logback.getLogger(ExpectedFailureLogFilter.HOOK_LOGGER).isErrorEnabled()).isTrue();
		assertThat(logback.getLogger(ExpectedFailureLogFilter.SQL_LOGGER).isErrorEnabled()).isTrue();
	}

	private static ListAppender<ILoggingEvent> captureLogs() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.setContext(root().getLoggerContext());
		appender.start();
		root().addAppender(appender);
		return appender;
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
	}
}
