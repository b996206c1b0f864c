package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.ingest.pull.hospital.Faults.Target.OBSERVATION_PAGES;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * A pull stores nothing a push would be refused: a hospital Observation with an unknown element or a key given twice
 * is recorded as malformed, one with an impossible number as refused; neither is stored, the rest of the chart is.
 * A number HAPI's parser cannot even write out makes its page malformed, and the server lives on.
 */
@TrialFhirServerTest
class PulledBadInputIT {

	static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Autowired
	JdbcTemplate jdbc;

	IGenericClient fhir;
	PullScenario scenario;
	FakeHospital hospital;
	EhrSource source;
	String patient;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "bad-input", 1, T0);
		hospital = scenario.hospital;
		source = scenario.source();
		patient = hospital.data.observation(scenario.heartRates.get(0).get(0)).getSubject().getReference();
	}

	@AfterEach
	void tearDown() {
		scenario.close();
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
	}

	@Test
	void anObservationWithAnUnknownElementIsRecordedAsMalformedAndNotStored() {
		String id = scenario.heartRates.get(0).get(8);
		rewrite(page -> page.replace("\"id\":\"" + id + "\",", "\"id\":\"" + id + "\",\"bodyTemperature\":37,"));

		Counts counts = PullTesting.pull(port, source.name());

		assertThat(counts).isEqualTo(new Counts(HospitalFixtures.FETCHED, HospitalFixtures.CREATED - 1, 0, 0,
				HospitalFixtures.REJECTED, HospitalFixtures.MALFORMED + 1, List.of()));
		assertThat(issue(id, "malformed")).contains("Unknown element 'bodyTemperature'");
		assertThat(storedIds()).doesNotContain(id).hasSize(HospitalFixtures.CREATED - 1);
	}

	@Test
	void anObservationWithAKeyGivenTwiceIsRecordedAsMalformedAndNotStored() {
		String id = scenario.heartRates.get(0).get(9);
		rewrite(page -> page.replace("\"id\":\"" + id + "\",", "\"id\":\"" + id + "\",\"status\":\"cancelled\","));

		Counts counts = PullTesting.pull(port, source.name());

		assertThat(counts.created()).isEqualTo(HospitalFixtures.CREATED - 1);
		assertThat(counts.errors()).isEqualTo(HospitalFixtures.MALFORMED + 1);
		assertThat(issue(id, "malformed")).contains("key 'status' appears twice");
		assertThat(storedIds()).doesNotContain(id);
	}

	@Test
	void aNegativePlateletCountIsRefusedAsAPushWouldBe() {
		String id = hospital.data.addObservation(HospitalFixtures.lab(patient, "777-3", -3, "10*4/uL",
				T0.plus(Duration.ofHours(30))));

		Counts counts = PullTesting.pull(port, source.name());

		assertThat(counts.fetched()).isEqualTo(HospitalFixtures.FETCHED + 1);
		assertThat(counts.created()).isEqualTo(HospitalFixtures.CREATED);
		assertThat(counts.errors()).isEqualTo(HospitalFixtures.MALFORMED + 1);
		assertThat(issue(id, "refused")).contains("Observation.valueQuantity.value").contains("negative");
		assertThat(storedIds()).doesNotContain(id);
	}

	@Test
	void aValueBeyondTheRangeOfADoubleIsRefusedWithItsResourceAlone() {
		String id = hospital.data.addObservation(HospitalFixtures.lab(patient, "777-3", 12.3456, "10*4/uL",
				T0.plus(Duration.ofHours(30))));
		rewrite(page -> page.replace("12.3456", "1e400"));

		Counts counts = PullTesting.pull(port, source.name());

		assertThat(counts.created()).isEqualTo(HospitalFixtures.CREATED);
		assertThat(counts.errors()).isEqualTo(HospitalFixtures.MALFORMED + 1);
		assertThat(issue(id, "refused")).contains("Observation.valueQuantity.value").contains("beyond ±1e15");
		assertThat(storedIds()).doesNotContain(id);
	}

	@Test
	void aNumberTooLongToWriteOutMakesItsPageMalformedAndTheServerLivesOn() {
		String id = hospital.data.addObservation(HospitalFixtures.lab(patient, "777-3", 12.3456, "10*4/uL",
				T0.plus(Duration.ofHours(30))));
		rewrite(page -> page.replace("12.3456", "1e999999999"));

		Counts counts = PullTesting.pull(port, source.name());

		assertThat(counts.errors()).isGreaterThanOrEqualTo(1);
		assertThat(counts.notes()).anySatisfy(note -> assertThat(note).contains("malformed")
				.contains("1E+999999999"));
		assertThat(storedIds()).doesNotContain(id);
	}

	private void rewrite(UnaryOperator<String> change) {
		hospital.faults.always(OBSERVATION_PAGES, Faults.rewrite(change));
	}

	private String issue(String hospitalId, String kind) {
		String reference = hospital.baseUrl() + "/Observation/" + hospitalId;
		List<String> reasons = jdbc.queryForList("SELECT reason FROM ingest_pull_issue WHERE source_name = ? "
				+ "AND kind = ? AND (source_reference = ? OR source_reference LIKE ?)", String.class, source.name(),
				kind, reference, reference + "/_history/%");
		assertThat(reasons).hasSize(1);
		return reasons.get(0);
	}

	/** The hospital ids of the Observations we stored from this source. */
	private List<String> storedIds() {
		return PullTesting.fetchAllFrom(fhir, hospital).stream()
				.map(o -> o.getIdentifierFirstRep().getValue()).toList();
	}
}
