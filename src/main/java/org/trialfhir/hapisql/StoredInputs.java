package org.trialfhir.hapisql;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.TolerantJsonParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current version of every Observation, Procedure and MedicationAdministration whose {@code subject} is a
 * patient, but those identified in a given system (derived scores): one SQL query on HAPI's tables, each row's stored
 * JSON parsed the way HAPI parses it ({@link TolerantJsonParser}).
 *
 * <p>Why not HAPI's search, which this replaces: query building, the {@code hfj_search} bookkeeping and Hibernate
 * entities of every version row made a study's derivation take twice as long (docs/benchmarks.md). The query reads
 * what that search reads: the {@code subject} reference index ({@code hfj_res_link}), resources not deleted, their
 * current version ({@code hfj_res_ver}); the resources left out are recognised by HAPI's index of their identifier
 * system, those held back by their tag in HAPI's tag tables ({@code hfj_res_tag}, the current version's tags).
 * {@code StoredInputsIT} pins this query to HAPI's search of the same records. A derivation of a few days narrows
 * the Observations to a time window and some codes ({@link ObservationWindow}), pinned by the same test to HAPI's
 * {@code date} and {@code code} searches.
 *
 * <p>The resources carry id and version, not the rest of {@code meta} (lastUpdated, tags, profiles, source, which
 * HAPI keeps in other tables): the scoring mapping reads clinical content only. A version whose JSON is not stored
 * inline (data written by an older HAPI, compressed) is read through HAPI's DAO.
 */
@Component
public class StoredInputs {

	/**
	 * The token parameters an Observation's codes are indexed under: its code, and its code and components' codes
	 * ({@code component-code} is retired, docs/search.md).
	 */
	private static final List<String> CODE_PARAMETERS = List.of("code", "combo-code");

	private static final String INPUTS_OF_PATIENT = """
			SELECT input.res_type, input.fhir_id, input.res_ver, version.res_text_vc
			FROM hfj_resource patient
			JOIN hfj_res_link link ON link.target_resource_id = patient.res_id
			     AND link.src_path IN ('Observation.subject', 'Procedure.subject', 'MedicationAdministration.subject')
			JOIN hfj_resource input ON input.res_id = link.src_resource_id AND input.res_deleted_at IS NULL
			JOIN hfj_res_ver version ON version.res_id = input.res_id AND version.res_ver = input.res_ver
			WHERE patient.res_type = 'Patient' AND patient.fhir_id = :patient
			  AND NOT EXISTS (SELECT 1 FROM hfj_spidx_token excepted
			                  WHERE excepted.res_id = input.res_id AND excepted.hash_sys = :except)
			  AND NOT EXISTS (SELECT 1 FROM hfj_res_tag held JOIN hfj_tag_def tag ON tag.tag_id = held.tag_id
			                  WHERE held.res_id = input.res_id AND tag.tag_type = 0
			                    AND tag.tag_system = :heldSystem AND tag.tag_code = :heldCode)
			""";

	/**
	 * Within an {@link ObservationWindow}: every Procedure and MedicationAdministration; an Observation when its
	 * indexed {@code date} overlaps the window, when it has no {@code date} index row (no usable time) or when it
	 * carries one of the window's any-time codes (as code or component code: {@code combo-code}). Every Observation
	 * when the patient has a panel ({@code hasMember}, whose members take the panel's time wherever their own lies):
	 * HAPI's {@code has-member} index is retired (docs/search.md), so panels are found in their stored JSON, once
	 * per query; a version not stored inline counts as a panel.
	 */
	private static final String OBSERVATIONS_IN_WINDOW = """
			  AND (input.res_type <> 'Observation'
			       OR EXISTS (SELECT 1 FROM hfj_spidx_date happened
			                  WHERE happened.res_id = input.res_id AND happened.hash_identity = :date%s)
			       OR NOT EXISTS (SELECT 1 FROM hfj_spidx_date happened
			                      WHERE happened.res_id = input.res_id AND happened.hash_identity = :date)
			       OR EXISTS (SELECT 1 FROM hfj_spidx_token coded
			                  WHERE coded.res_id = input.res_id
			                    AND (coded.hash_sys_and_value IN (:anyTimeCodes) OR coded.hash_sys IN (:anyTimeSystems)))
			       OR EXISTS (SELECT 1 FROM hfj_resource owner
			                  JOIN hfj_res_link owned ON owned.target_resource_id = owner.res_id
			                       AND owned.src_path = 'Observation.subject'
			                  JOIN hfj_resource panel ON panel.res_id = owned.src_resource_id
			                       AND panel.res_deleted_at IS NULL
			                  JOIN hfj_res_ver members ON members.res_id = panel.res_id AND members.res_ver = panel.res_ver
			                  WHERE owner.res_type = 'Patient' AND owner.fhir_id = :patient
			                    AND (members.res_text_vc IS NULL OR members.res_text_vc LIKE '%%"hasMember"%%')))
			""";

	private static final String IN_ORDER = "ORDER BY input.res_id";
	/**
	 * HAPI's date index holds server-local times: an hour more on either side keeps a daylight-saving shift from
	 * narrowing the window.
	 */
	private static final Duration LOCAL_TIME_MARGIN = Duration.ofHours(1);
	/** Hash lists are never empty in SQL ({@code IN ()} is no SQL): a hash no index row has. */
	private static final long NO_HASH = 0L;

	/**
	 * The Observations a read needs: those whose time overlaps {@code [from, to]} (either null = unbounded) and, at
	 * any time, those coded with one of {@code anyTime} (a coding without code stands for its whole system).
	 */
	public record ObservationWindow(Instant from, Instant to, List<Coding> anyTime) {

		public ObservationWindow {
			anyTime = List.copyOf(anyTime);
		}
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final IndexHashes hashes;

	StoredInputs(JdbcTemplate jdbc, FhirContext fhirContext, DaoRegistry daos, IndexHashes hashes) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.hashes = hashes;
	}

	/**
	 * The patient's Observations (but those with an identifier of {@code exceptIdentifierSystem}), Procedures and
	 * MedicationAdministrations, but those whose current version carries the tag {@code exceptTag} (values held for
	 * adjudication), in the order HAPI assigned their database ids (the order they were first stored).
	 */
	public List<IBaseResource> of(String patientId, String exceptIdentifierSystem, Coding exceptTag) {
		return of(patientId, exceptIdentifierSystem, exceptTag, null);
	}

	/**
	 * As {@link #of(String, String, Coding)}, the Observations narrowed to those {@code window} names (null = all).
	 */
	public List<IBaseResource> of(String patientId, String exceptIdentifierSystem, Coding exceptTag,
			ObservationWindow window) {
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("patient", patientId)
				.addValue("except", hashes.system("Observation", "identifier", exceptIdentifierSystem))
				.addValue("heldSystem", exceptTag.getSystem()).addValue("heldCode", exceptTag.getCode());
		String sql = INPUTS_OF_PATIENT;
		if (window != null) {
			String overlaps = "";
			if (window.from() != null) {
				overlaps += " AND happened.sp_value_high >= :from";
				parameters.addValue("from", localTime(window.from().minus(LOCAL_TIME_MARGIN)));
			}
			if (window.to() != null) {
				overlaps += " AND happened.sp_value_low <= :to";
				parameters.addValue("to", localTime(window.to().plus(LOCAL_TIME_MARGIN)));
			}
			sql += OBSERVATIONS_IN_WINDOW.formatted(overlaps);
			parameters.addValue("date", hashes.identity("Observation", "date"))
					.addValue("anyTimeCodes", anyTimeCodes(window.anyTime()))
					.addValue("anyTimeSystems", anyTimeSystems(window.anyTime()));
		}
		IParser parser = TolerantJsonParser.createWithLenientErrorHandling(fhirContext, null);
		List<IBaseResource> inputs = new ArrayList<>();
		jdbc.query(sql + IN_ORDER, parameters, (RowCallbackHandler) row -> {
			IdType id = new IdType(row.getString(1), row.getString(2), Long.toString(row.getLong(3)));
			String json = row.getString(4);
			IBaseResource resource = json == null ? readThroughHapi(id) : parser.parseResource(classOf(id), json);
			resource.setId(id);
			inputs.add(resource);
		});
		return inputs;
	}

	/** As HAPI writes its date index (JDBC, the server's zone), so the comparison is in the index's terms. */
	private static Timestamp localTime(Instant time) {
		return Timestamp.from(time);
	}

	private List<Long> anyTimeCodes(List<Coding> codings) {
		List<Long> codes = new ArrayList<>(List.of(NO_HASH));
		for (Coding coding : codings) {
			if (coding.hasCode()) {
				for (String parameter : CODE_PARAMETERS) {
					codes.add(hashes.systemAndValue("Observation", parameter, coding.getSystem(), coding.getCode()));
				}
			}
		}
		return codes;
	}

	private List<Long> anyTimeSystems(List<Coding> codings) {
		List<Long> systems = new ArrayList<>(List.of(NO_HASH));
		for (Coding coding : codings) {
			if (!coding.hasCode()) {
				for (String parameter : CODE_PARAMETERS) {
					systems.add(hashes.system("Observation", parameter, coding.getSystem()));
				}
			}
		}
		return systems;
	}

	private Class<? extends IBaseResource> classOf(IdType id) {
		return fhirContext.getResourceDefinition(id.getResourceType()).getImplementingClass();
	}

	private IBaseResource readThroughHapi(IdType id) {
		return daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
	}
}
