package org.trialfhir.hapisql;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * AdverseEvents by the codes of one CodeSystem in their {@code category} or {@code event}, in ONE SQL query on HAPI's
 * token index of those, its date index of {@code date} and its reference link of {@code AdverseEvent.subject}.
 */
@Component
public class AdverseEventIndex {

	private static final String CODED = """
			SELECT event.fhir_id, subject.fhir_id, date.sp_value_low, code.sp_value
			FROM hfj_spidx_token code
			JOIN hfj_resource event ON event.res_id = code.res_id AND event.res_deleted_at IS NULL
			JOIN hfj_res_link link ON link.src_resource_id = event.res_id AND link.src_path = 'AdverseEvent.subject'
			JOIN hfj_resource subject ON subject.res_id = link.target_resource_id
			LEFT JOIN hfj_spidx_date date ON date.res_id = event.res_id AND date.hash_identity = ?
			WHERE code.hash_sys IN (?, ?)
			""";

	/**
	 * One code of an AdverseEvent (an event coded twice gives two).
	 *
	 * @param subjectId id of AdverseEvent.subject (a Patient in this trial)
	 * @param date      AdverseEvent.date; null when not recorded
	 */
	public record CodedEvent(String eventId, String subjectId, Instant date, String code) {
	}

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;

	AdverseEventIndex(JdbcTemplate jdbc, IndexHashes hashes) {
		this.jdbc = jdbc;
		this.hashes = hashes;
	}

	/**
	 * Every code of {@code system} in the category or event of an AdverseEvent with a subject, of the whole server
	 * ({@code AdverseEvent?category=<system>|} and {@code AdverseEvent?event=<system>|}).
	 */
	public List<CodedEvent> codedIn(String system) {
		return jdbc.query(con -> Statements.planned(con, CODED, hashes.identity("AdverseEvent", "date"),
				hashes.system("AdverseEvent", "category", system), hashes.system("AdverseEvent", "event", system)),
				(rs, i) -> new CodedEvent(rs.getString(1), rs.getString(2), Statements.instant(rs.getTimestamp(3)),
						rs.getString(4)));
	}
}
