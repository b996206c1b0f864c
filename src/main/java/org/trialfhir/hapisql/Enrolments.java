package org.trialfhir.hapisql;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one reader of "which subjects, which patient, which T0, which arm": ResearchSubjects as {@link Enrolment}s, by
 * study, by patient, by id or by status, each in ONE SQL query on HAPI's index — no resource is loaded or parsed.
 * That is what makes it cheap enough for the T0 lookup of every Observation write (HAPI's own search for it was 18 %
 * of the CPU of a single-Observation POST) and for a 1,000-subject {@code $analyze}.
 *
 * <p>Relies on HAPI's reference links of ResearchSubject {@code study} and {@code individual}, its date index of
 * {@code date} (= period) and token index of {@code status}, and the token index of our {@code assigned-arm}
 * SearchParameter (profiles/). Deleted ResearchSubjects are not read. Results are in the order of their ids.
 */
@Component
public class Enrolments {

	private static final String SUBJECTS = """
			SELECT subject.fhir_id, study.fhir_id, patient.fhir_id, period.sp_value_low, period.sp_value_high,
			       arm.sp_value, status.sp_value
			FROM hfj_resource subject
			LEFT JOIN hfj_res_link to_study ON to_study.src_resource_id = subject.res_id
			     AND to_study.src_path = 'ResearchSubject.study'
			LEFT JOIN hfj_resource study ON study.res_id = to_study.target_resource_id AND study.res_type = 'ResearchStudy'
			LEFT JOIN hfj_res_link to_patient ON to_patient.src_resource_id = subject.res_id
			     AND to_patient.src_path = 'ResearchSubject.individual'
			LEFT JOIN hfj_resource patient ON patient.res_id = to_patient.target_resource_id AND patient.res_type = 'Patient'
			LEFT JOIN hfj_spidx_date period ON period.res_id = subject.res_id AND period.hash_identity = ?
			LEFT JOIN hfj_spidx_token arm ON arm.res_id = subject.res_id AND arm.hash_identity = ?
			LEFT JOIN hfj_spidx_token status ON status.res_id = subject.res_id AND status.hash_identity = ?
			WHERE subject.res_type = 'ResearchSubject' AND subject.res_deleted_at IS NULL
			""";
	private static final String SUBJECT = "ResearchSubject";

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;
	private final PeriodIndex periods;

	Enrolments(JdbcTemplate jdbc, IndexHashes hashes, PeriodIndex periods) {
		this.jdbc = jdbc;
		this.hashes = hashes;
		this.periods = periods;
	}

	/** The ResearchSubjects of a study ({@code ResearchSubject?study=ResearchStudy/<id>}). */
	public List<Enrolment> ofStudy(String studyId) {
		return query("AND study.fhir_id = ?", studyId);
	}

	/** The ResearchSubjects of a patient, in any study ({@code ResearchSubject?individual=Patient/<id>}). */
	public List<Enrolment> ofPatient(String patientId) {
		return query("AND patient.fhir_id = ?", patientId);
	}

	/** One ResearchSubject; empty when there is none by this id or it is deleted. */
	public Optional<Enrolment> byId(String researchSubjectId) {
		return query("AND subject.fhir_id = ?", researchSubjectId).stream().findFirst();
	}

	/** The ResearchSubjects with one of these status codes ({@code ResearchSubject?status=a,b}), of every study. */
	public List<Enrolment> withStatus(Collection<String> statuses) {
		Long[] values = statuses.stream().map(status -> hashes.value(SUBJECT, "status", status)).toArray(Long[]::new);
		return query("AND status.hash_value = ANY (?)", values);
	}

	private List<Enrolment> query(String filter, Object value) {
		List<Enrolment> enrolments = jdbc.query(con -> {
			// Not Statements.planned: planning this eight-table join costs more than running it (measured ~2.5 ms
			// against ~0.3 ms), and on every Observation write. Its lookups are by key, where the generic plan that
			// pgjdbc's server-side prepared statement settles on after five runs is as good as a fresh one.
			PreparedStatement statement = con.prepareStatement(SUBJECTS + filter);
			statement.setLong(1, hashes.identity(SUBJECT, "date"));
			statement.setLong(2, hashes.identity(SUBJECT, "assigned-arm"));
			statement.setLong(3, hashes.identity(SUBJECT, "status"));
			if (value instanceof Long[] array) {
				statement.setArray(4, con.createArrayOf("bigint", array));
			} else {
				statement.setString(4, (String) value);
			}
			return statement;
		}, (rs, i) -> new Enrolment(rs.getString(1), rs.getString(2), rs.getString(3), periods.start(rs.getTimestamp(4)),
				periods.end(rs.getTimestamp(5)), rs.getString(6), rs.getString(7)));
		return enrolments.stream().sorted(Comparator.comparing(Enrolment::researchSubjectId)).toList();
	}
}
