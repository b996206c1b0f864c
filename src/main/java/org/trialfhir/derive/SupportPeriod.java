package org.trialfhir.derive;

import java.time.Instant;

/**
 * Respiratory support (Procedure 40617009 invasive ventilation or 428311008 NIV) over {@code [start, end]}, end
 * null while it continues.
 */
record SupportPeriod(Instant start, Instant end, String source) {

	boolean covers(Instant time) {
		return !time.isBefore(start) && (end == null || !time.isAfter(end));
	}
}
