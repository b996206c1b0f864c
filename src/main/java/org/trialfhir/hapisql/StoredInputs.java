package org.trialfhir.hapisql;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.TolerantJsonParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
 * {@code StoredInputsIT} pins this query to HAPI's search of the same records.
 *
 * <p>The resources carry id and version, not the rest of {@code meta} (lastUpdated, tags, profiles, source, which
 * HAPI keeps in other tables): the scoring mapping reads clinical content only. A version whose JSON is not stored
 * inline (data written by an older HAPI, compressed) is read through HAPI's DAO.
 */
@Component
public class StoredInputs {

	private static final String INPUTS_OF_PATIENT = """
			SELECT input.res_type, input.fhir_id, input.res_ver, version.res_text_vc
			FROM hfj_resource patient
			JOIN hfj_res_link link ON link.target_resource_id = patient.res_id
			     AND link.src_path IN ('Observation.subject', 'Procedure.subject', 'MedicationAdministration.subject')
			JOIN hfj_resource input ON input.res_id = link.src_resource_id AND input.res_deleted_at IS NULL
			JOIN hfj_res_ver version ON version.res_id = input.res_id AND version.res_ver = input.res_ver
			WHERE patient.res_type = 'Patient' AND patient.fhir_id = ?
			  AND NOT EXISTS (SELECT 1 FROM hfj_spidx_token excepted
			                  WHERE excepted.res_id = input.res_id AND excepted.hash_sys = ?)
			  AND NOT EXISTS (SELECT 1 FROM hfj_res_tag held JOIN hfj_tag_def tag ON tag.tag_id = held.tag_id
			                  WHERE held.res_id = input.res_id AND tag.tag_type = 0
			                    AND tag.tag_system = ? AND tag.tag_code = ?)
			ORDER BY input.res_id
			""";

	private final JdbcTemplate jdbc;
	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final IndexHashes hashes;

	StoredInputs(JdbcTemplate jdbc, FhirContext fhirContext, DaoRegistry daos, IndexHashes hashes) {
		this.jdbc = jdbc;
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
		IParser parser = TolerantJsonParser.createWithLenientErrorHandling(fhirContext, null);
		List<IBaseResource> inputs = new ArrayList<>();
		jdbc.query(INPUTS_OF_PATIENT, (RowCallbackHandler) row -> {
			IdType id = new IdType(row.getString(1), row.getString(2), Long.toString(row.getLong(3)));
			String json = row.getString(4);
			IBaseResource resource = json == null ? readThroughHapi(id) : parser.parseResource(classOf(id), json);
			resource.setId(id);
			inputs.add(resource);
		}, patientId, hashes.system("Observation", "identifier", exceptIdentifierSystem), exceptTag.getSystem(),
				exceptTag.getCode());
		return inputs;
	}

	private Class<? extends IBaseResource> classOf(IdType id) {
		return fhirContext.getResourceDefinition(id.getResourceType()).getImplementingClass();
	}

	private IBaseResource readThroughHapi(IdType id) {
		return daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
	}
}
