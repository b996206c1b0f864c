package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.trialfhir.simulator.SimulateCommand;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * A simulated subject loaded as a trial is, in 100-entry bundles, re-derived after each: every derivation but the
 * first updates some stored scores and creates others in one transaction (the mix that failed at commit with a
 * foreign-key violation, see docs/scores.md). Re-deriving only the days a bundle can affect, from the records those
 * days read, gives what deriving every day from scratch gives, whatever order the data arrive in: newest first, the
 * body weight last, an old value corrected, a day's only value deleted.
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

	@Autowired
	ScoreDerivation derivation;

	@Test
	void reDerivingOnlyTheDaysEachBundleAffectsEqualsDerivingEveryDayFromScratch(@TempDir Path out) throws IOException {
		assertThat(SimulateCommand.run("--out", out.toString(), "--subjects", "1", "--days", String.valueOf(DAYS),
				"--seed", "1", "--sites", "1")).isZero();
		String prefix = "inc" + UUID.randomUUID().toString().substring(0, 8) + "-";
		load(out.resolve("00-setup.json"), prefix);
		String patient = prefix + "p0001";
		List<Bundle.BundleEntryComponent> entries = new ArrayList<>(read(out.resolve("sim-p0001.json"), prefix)
				.getEntry());
		// a site backfilling its records, the latest first, and the body weight of day 1 (SOFA-2 divides every day's
		// urine output by it) charted after everything else
		Collections.reverse(entries);
		List<Bundle.BundleEntryComponent> weights = entries.stream().filter(e -> e.getResource() instanceof Observation o
				&& o.getCode().getCodingFirstRep().getCode().equals("29463-7")).toList();
		assertThat(weights).hasSize(1);
		entries.removeAll(weights);
		for (int from = 0; from < entries.size(); from += 25) {
			Bundle part = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			entries.subList(from, Math.min(from + 25, entries.size())).forEach(part::addEntry);
			systemDao.transaction(new SystemRequestDetails(), part);
			assertThat(pending.finish(List.of(patient))).as("after entry %d", from).isEmpty();
		}
		Bundle weight = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		weights.forEach(weight::addEntry);
		systemDao.transaction(new SystemRequestDetails(), weight);
		assertThat(pending.finish(List.of(patient))).isEmpty();
		// a correction of the stay's last platelet count: re-deriving its day reads the count of the day before too
		// (JAAM's platelet fall looks back 24 h)
		Observation platelets = entries.stream().map(e -> e.getResource()).filter(r -> r instanceof Observation o
				&& o.getCode().getCodingFirstRep().getCode().equals("777-3")).map(r -> (Observation) r)
				.max(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).orElseThrow().copy();
		platelets.getValueQuantity().setValue(platelets.getValueQuantity().getValue().divide(BigDecimal.valueOf(2)));
		write(platelets, Bundle.HTTPVerb.PUT);
		assertThat(pending.finish(List.of(patient))).isEmpty();
		// a heart rate a day after the last one: the only value of the day after the stay, scored, then deleted
		Observation lastHeartRate = entries.stream().map(e -> e.getResource()).filter(r -> r instanceof Observation o
				&& o.getCode().getCodingFirstRep().getCode().equals("8867-4")).map(r -> (Observation) r)
				.max(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).orElseThrow();
		Observation lonely = lastHeartRate.copy();
		lonely.setId("Observation/" + prefix + "lonely-hr");
		lonely.getExtension().clear();
		lonely.getIdentifier().forEach(key -> key.setValue(key.getValue() + "-lonely")); // its own idempotency key
		lonely.setEffective(new DateTimeType(Date.from(lastHeartRate.getEffectiveDateTimeType().getValue().toInstant()
				.plus(Duration.ofHours(24))), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
		write(lonely, Bundle.HTTPVerb.PUT);
		assertThat(pending.finish(List.of(patient))).isEmpty();
		assertThat(derivedVersions(prefix)).as("the day after the stay is scored")
				.hasSize(DerivedScoreAssertions.scoresADay() * (DAYS + 1));
		write(lonely, Bundle.HTTPVerb.DELETE);
		assertThat(pending.finish(List.of(patient))).isEmpty();
		Map<String, Long> incremental = derivedVersions(prefix);
		assertThat(incremental).hasSize(DerivedScoreAssertions.scoresADay() * DAYS);

		// every day from scratch: a score that differs is stored as a new version, one without data is deleted
		derivation.deriveSubject(prefix + "s0001", DaySelection.everyDayWithData(), Set.copyOf(ScoreDerivation.SCORE_CODES));

		assertThat(derivedVersions(prefix)).isEqualTo(incremental);
	}

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
		// every score a day, each day of data
		assertThat(jdbc.queryForList("""
				SELECT fhir_id FROM hfj_resource WHERE res_type = 'Observation' AND res_deleted_at IS NULL
				AND fhir_id LIKE ?""", String.class, "ds-" + prefix + "s0001-%")).hasSize(DerivedScoreAssertions.scoresADay() * DAYS);
	}

	private void write(Observation observation, Bundle.HTTPVerb verb) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Bundle.BundleEntryComponent entry = bundle.addEntry();
		entry.getRequest().setMethod(verb).setUrl(observation.getIdElement().toUnqualifiedVersionless().getValue());
		if (verb == Bundle.HTTPVerb.PUT) {
			entry.setResource(observation);
		}
		systemDao.transaction(new SystemRequestDetails(), bundle);
	}

	/** The current version of each stored derived score of the trial, by resource id. */
	private Map<String, Long> derivedVersions(String prefix) {
		Map<String, Long> versions = new TreeMap<>();
		jdbc.query("""
				SELECT fhir_id, res_ver FROM hfj_resource WHERE res_type = 'Observation' AND res_deleted_at IS NULL
				AND fhir_id LIKE ?""", (RowCallbackHandler) row -> versions.put(row.getString(1), row.getLong(2)),
				"ds-" + prefix + "%");
		return versions;
	}

	private void load(Path bundle, String prefix) throws IOException {
		systemDao.transaction(new SystemRequestDetails(), read(bundle, prefix));
	}

	private Bundle read(Path bundle, String prefix) throws IOException {
		String json = Files.readString(bundle, StandardCharsets.UTF_8).replace("sim-", prefix);
		return fhirContext.newJsonParser().parseResource(Bundle.class, json);
	}
}
