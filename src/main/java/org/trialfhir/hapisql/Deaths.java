package org.trialfhir.hapisql;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The deceased Patients of a study's subjects, in ONE SQL query on HAPI's index of Patient {@code death-date} and
 * {@code deceased} (true for a {@code deceasedBoolean} true and for any {@code deceasedDateTime}).
 */
@Component
public class Deaths {

	private static final String OF_STUDY = """
			SELECT DISTINCT patient.fhir_id, death.sp_value_low
			FROM hfj_resource study
			JOIN hfj_res_link to_study ON to_study.target_resource_id = study.res_id
			     AND to_study.src_path = 'ResearchSubject.study'
			JOIN hfj_resource subject ON subject.res_id = to_study.src_resource_id AND subject.res_deleted_at IS NULL
			JOIN hfj_res_link to_patient ON to_patient.src_resource_id = subject.res_id
			     AND to_patient.src_path = 'ResearchSubject.individual'
			JOIN hfj_resource patient ON patient.res_id = to_patient.target_resource_id AND patient.res_deleted_at IS NULL
			LEFT JOIN hfj_spidx_date death ON death.res_id = patient.res_id AND death.hash_identity = ?
			LEFT JOIN hfj_spidx_token deceased ON deceased.res_id = patient.res_id AND deceased.hash_value = ?
			WHERE study.res_type = 'ResearchStudy' AND study.fhir_id = ?
			  AND (death.res_id IS NOT NULL OR deceased.res_id IS NOT NULL)
			""";

	/**
	 * A deceased Patient.
	 *
	 * @param date Patient.deceasedDateTime; null for {@code deceasedBoolean} true
	 */
	public record Death(String patientId, Instant date) {
	}

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;

	Deaths(JdbcTemplate jdbc, IndexHashes hashes) {
		this.jdbc = jdbc;
		this.hashes = hashes;
	}

	/**
	 * By Patient id, the deceased Patients of the study's ResearchSubjects
	 * ({@code Patient?_has:ResearchSubject:individual:study=ResearchStudy/<id>&deceased=true}).
	 */
	public Map<String, Death> ofStudy(String studyId) {
		Map<String, Death> deaths = new HashMap<>();
		jdbc.query(con -> {
			var statement = Statements.planned(con, OF_STUDY, hashes.identity("Patient", "death-date"),
					hashes.value("Patient", "deceased", "true"));
			statement.setString(3, studyId);
			return statement;
		}, (RowCallbackHandler) rs -> deaths.put(rs.getString(1),
				new Death(rs.getString(1), Statements.instant(rs.getTimestamp(2)))));
		return deaths;
	}
}
