package org.trialfhir.analysis;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.trialfhir.server.IndexHashes;
import org.trialfhir.server.PeriodIndex;

/**
 * A study's subjects (with arm, T0, period end, Patient, death) and the bleeding AdverseEvents, each in ONE SQL query
 * on HAPI's search-index tables, like {@link ObservationIndex}: loading 1,000 ResearchSubjects and 1,000 Patients
 * through the DAOs costs seconds of parsing. Relies on the indexes of ResearchSubject {@code study},
 * {@code individual}, {@code date} (= period), our {@code assigned-arm}; Patient {@code death-date},
 * {@code deceased}; AdverseEvent {@code category}, {@code event}, {@code date}, {@code subject}.
 */
@Component
class StudyIndex {

	private static final String SUBJECTS = """
			SELECT subject.fhir_id, arm.sp_value, period.sp_value_low, period.sp_value_high, patient.fhir_id,
			       death.sp_value_low, deceased.sp_value
			FROM hfj_resource study
			JOIN hfj_res_link link ON link.target_resource_id = study.res_id AND link.src_path = 'ResearchSubject.study'
			JOIN hfj_resource subject ON subject.res_id = link.src_resource_id AND subject.res_deleted_at IS NULL
			LEFT JOIN hfj_spidx_token arm ON arm.res_id = subject.res_id AND arm.hash_identity = ?
			LEFT JOIN hfj_spidx_date period ON period.res_id = subject.res_id AND period.hash_identity = ?
			LEFT JOIN hfj_res_link individual ON individual.src_resource_id = subject.res_id
			     AND individual.src_path = 'ResearchSubject.individual'
			LEFT JOIN hfj_resource patient ON patient.res_id = individual.target_resource_id
			LEFT JOIN hfj_spidx_date death ON death.res_id = patient.res_id AND death.hash_identity = ?
			LEFT JOIN hfj_spidx_token deceased ON deceased.res_id = patient.res_id AND deceased.hash_identity = ?
			WHERE study.res_type = 'ResearchStudy' AND study.fhir_id = ?
			ORDER BY subject.fhir_id
			""";
	private static final String BLEEDING = """
			SELECT event.fhir_id, patient.fhir_id, date.sp_value_low, code.sp_value
			FROM hfj_spidx_token code
			JOIN hfj_resource event ON event.res_id = code.res_id AND event.res_deleted_at IS NULL
			JOIN hfj_res_link link ON link.src_resource_id = event.res_id AND link.src_path = 'AdverseEvent.subject'
			JOIN hfj_resource patient ON patient.res_id = link.target_resource_id
			LEFT JOIN hfj_spidx_date date ON date.res_id = event.res_id AND date.hash_identity = ?
			WHERE code.hash_sys IN (?, ?)
			""";

	/**
	 * One ResearchSubject of the study as indexed; any field but the id may be null.
	 *
	 * @param periodEnd null when the period has no end
	 * @param deceased  Patient.deceased[x] is true (a date or {@code true})
	 */
	record SubjectRow(String id, String arm, Instant t0, Instant periodEnd, String patientId, Instant death,
			boolean deceased) {
	}

	/** One bleeding-category code of an AdverseEvent (an event coded twice gives two rows). */
	record BleedingRow(String eventId, String patientId, Instant date, String category) {
	}

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;
	private final PeriodIndex periods;

	StudyIndex(JdbcTemplate jdbc, IndexHashes hashes, PeriodIndex periods) {
		this.jdbc = jdbc;
		this.hashes = hashes;
		this.periods = periods;
	}

	List<SubjectRow> subjects(String studyId) {
		return jdbc.query(con -> {
			var statement = ObservationIndex.statement(con, SUBJECTS,
					hashes.identity("ResearchSubject", "assigned-arm"), hashes.identity("ResearchSubject", "date"),
					hashes.identity("Patient", "death-date"), hashes.identity("Patient", "deceased"));
			statement.setString(5, studyId);
			return statement;
		}, (rs, i) -> {
			return new SubjectRow(rs.getString(1), rs.getString(2), periods.start(rs.getTimestamp(3)),
					periods.end(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6)),
					"true".equals(rs.getString(7)));
		});
	}

	List<BleedingRow> bleeding() {
		return jdbc.query(con -> ObservationIndex.statement(con, BLEEDING, hashes.identity("AdverseEvent", "date"),
				hashes.system("AdverseEvent", "category", BleedingEvent.SYSTEM),
				hashes.system("AdverseEvent", "event", BleedingEvent.SYSTEM)),
				(rs, i) -> new BleedingRow(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
						rs.getString(4)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
