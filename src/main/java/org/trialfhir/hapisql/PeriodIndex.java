package org.trialfhir.hapisql;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A Period read back from HAPI's date index ({@code hfj_spidx_date}): HAPI indexes an open start from its "start of
 * time" (1001-01-01) and an open end up to its "end of time" (9000-01-01), both in server-local time; either means
 * the bound is absent. The two days of margin cover any time zone.
 */
@Component
class PeriodIndex {

	private static final Duration MARGIN = Duration.ofDays(2);

	private final Instant openStartBefore;
	private final Instant openEndAfter;

	PeriodIndex(JpaStorageSettings settings) {
		this.openStartBefore = settings.getPeriodIndexStartOfTime().getValue().toInstant().plus(MARGIN);
		this.openEndAfter = settings.getPeriodIndexEndOfTime().getValue().toInstant().minus(MARGIN);
	}

	/** {@code sp_value_low} as {@code period.start}, or null when the period has none. */
	Instant start(Timestamp low) {
		return low == null || low.toInstant().isBefore(openStartBefore) ? null : low.toInstant();
	}

	/** {@code sp_value_high} as {@code period.end}, or null when the period has none. */
	Instant end(Timestamp high) {
		return high == null || high.toInstant().isAfter(openEndAfter) ? null : high.toInstant();
	}
}
