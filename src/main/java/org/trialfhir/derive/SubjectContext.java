package org.trialfhir.derive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.SiteSettings;

/**
 * What a derivation needs about one ResearchSubject besides its clinical records.
 *
 * @param subjectId        ResearchSubject id (derived identifiers are {@code <subjectId>-<score>-<day>})
 * @param patientId        id of the Patient in ResearchSubject.individual
 * @param t0               ResearchSubject.period.start
 * @param zone             the offset T0 was written with; day windows are rendered in it
 * @param birthDate        Patient.birthDate, null when not recorded
 * @param siteId           identifier value (system {@value #SITE_SYSTEM}) of Patient.managingOrganization, or null
 * @param site             that site's scoring settings
 * @param allowPreliminary the site counts preliminary results (flagged)
 */
record SubjectContext(String subjectId, String patientId, Instant t0, ZoneId zone, LocalDate birthDate,
		String siteId, SiteSettings site, boolean allowPreliminary) {

	static final String SITE_SYSTEM = "http://trialfhir.org/fhir/sid/site";
	private static final long DAY_MILLIS = Duration.ofHours(24).toMillis();

	DayWindow window(int day) {
		return DayWindow.studyDay(t0, day);
	}

	/** The study day an instant falls in (0 or negative before T0). */
	int dayOf(Instant time) {
		return (int) Math.floorDiv(Duration.between(t0, time).toMillis(), DAY_MILLIS) + 1;
	}

	/** The local date a day starts on, for age in completed years. */
	LocalDate startDate(int day) {
		return window(day).start().atZone(zone).toLocalDate();
	}
}
