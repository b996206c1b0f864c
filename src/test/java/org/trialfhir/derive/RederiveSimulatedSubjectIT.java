package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.simulator.SimulateCommand;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * A simulated subject loaded as a trial is, in 100-entry bundles, re-derived after each: every derivation but the
 * first updates some stored scores and creates others in one transaction (the mix that failed at commit with a
 * foreign-key violation, see docs/scores.md).
 */
@TrialFhirServerTest
class RederiveSimulatedSubjectIT {

	private static final int DAYS = 4;
	private static final int BUNDLE_SIZE = 100;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	IFhirSystemDao<Bundle, Meta> systemDao;

	@Autowired
	PendingDerivations pending;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyScoreOfEveryDayOfALoadedSubjectIsDerived(@TempDir Path out) throws IOException {
		assertThat(SimulateCommand.run("--out", out.toString(), "--subjects", "1", "--days", String.valueOf(DAYS),
				"--seed", "1", "--sites", "1")).isZero();
		String prefix = "fk" + UUID.randomUUID().toString().substring(0, 8) + "-"; // a trial of its own
		load(out.resolve("00-setup.json"), prefix);
		String patient = prefix + "p0001";
		Bundle data = read(out.resolve("sim-p0001.json"), prefix);
		for (int from = 0; from < data.getEntry().size(); from += BUNDLE_SIZE) {
			Bundle part = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			data.getEntry().subList(from, Math.min(from + BUNDLE_SIZE, data.getEntry().size()))
					.forEach(part::addEntry);
			systemDao.transaction(new SystemRequestDetails(), part);
			// now, whether or not the worker got to it first
			assertThat(pending.finish(List.of(patient))).as("after entry %d", from).isEmpty();
		}

		assertThat(jdbc.queryForObject("SELECT count(*) FROM trialfhir_rederive_queue WHERE patient_id = ?",
				Long.class, patient)).isZero();
		// seven scores a day (the six and SOFA-2), each day of data
		assertThat(jdbc.queryForList("""
				SELECT fhir_id FROM hfj_resource WHERE res_type = 'Observation' AND res_deleted_at IS NULL
				AND fhir_id LIKE ?""", String.class, "ds-" + prefix + "s0001-%")).hasSize(7 * DAYS);
	}

	private void load(Path bundle, String prefix) throws IOException {
		systemDao.transaction(new SystemRequestDetails(), read(bundle, prefix));
	}

	private Bundle read(Path bundle, String prefix) throws IOException {
		String json = Files.readString(bundle, StandardCharsets.UTF_8).replace("sim-", prefix);
		return fhirContext.newJsonParser().parseResource(Bundle.class, json);
	}
}
