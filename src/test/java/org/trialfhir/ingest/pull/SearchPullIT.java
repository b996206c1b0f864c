package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.studyday.StudyDayExtension;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

@TrialFhirServerTest
class SearchPullIT {

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
	List<EnrolledSubjects.Subject> subjects;
	List<List<String>> heartRates;
	EhrSource source;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "search", 2, T0);
		hospital = scenario.hospital;
		subjects = scenario.subjects;
		heartRates = scenario.heartRates;
		source = scenario.source();
	}

	@AfterEach
	void tearDown() {
		scenario.close();
	}

	@Test
	void firstPullImportsEverythingInScopeAndASecondPullImportsNothing() {
		Counts first = PullTesting.pull(port, source.name());

		// two patients × (18 fetched, 16 stored, 1 unit rejected, 1 malformed), see HospitalFixtures
		assertThat(first).isEqualTo(new Counts(36, 32, 0, 0, 2, 2, List.of()));
		assertThat(PullTesting.storedFrom(fhir, hospital)).isEqualTo(32);
		assertThat(jdbc.queryForList("SELECT reason FROM ingest_pull_issue WHERE source_name = ? AND kind = 'rejected'",
				String.class, source.name()))
				.hasSize(2)
				.allSatisfy(reason -> assertThat(reason).startsWith("unit 'mg' is not accepted for platelets (LOINC 777-3)"));

		Counts second = PullTesting.pull(port, source.name());

		assertThat(second.created()).isZero();
		assertThat(second.updated()).isZero();
		// the cursor is inclusive (_lastUpdated=ge): at most the newest resource of each subject comes back
		assertThat(second.fetched()).isLessThanOrEqualTo(2)
				.isEqualTo(second.unchanged() + second.rejected() + second.errors());
		List<Observation> stored = PullTesting.fetchAllFrom(fhir, hospital);
		assertThat(stored).hasSize(32).allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
	}

	@Test
	void aPulledObservationKeepsItsOriginHasItsStudyDayAndAProvenanceNamingTheSource() {
		PullTesting.pull(port, source.name());
		String sourceId = heartRates.get(0).get(7); // k = 1: T0 + 6 h, study day 1
		Observation ours = byOrigin(sourceId);

		assertThat(ours.getMeta().getSource()).isEqualTo(hospital.baseUrl() + "/Observation/" + sourceId);
		assertThat(ours.getIdentifierFirstRep().getSystem()).isEqualTo(hospital.baseUrl() + "/Observation");
		assertThat(ours.getIdentifierFirstRep().getValue()).isEqualTo(sourceId);
		assertThat(ours.getSubject().getReference()).isEqualTo(subjects.get(0).patient());
		assertThat(ours.getValueQuantity().getValue()).isEqualByComparingTo("81"); // 80 + k
		assertThat(StudyDayExtension.read(ours)).contains(1);

		Bundle provenance = fhir.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(ours.getIdElement().toUnqualifiedVersionless()))
				.returnBundle(Bundle.class).execute();
		assertThat(provenance.getEntry()).hasSize(1);
		Provenance record = (Provenance) provenance.getEntryFirstRep().getResource();
		assertThat(record.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getWho().getDisplay()).isEqualTo(source.name());
			assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(hospital.baseUrl());
		});
	}

	@Test
	void aChangedSourceObservationUpdatesOurCopy() {
		PullTesting.pull(port, source.name());
		String sourceId = heartRates.get(1).get(10); // k = 4
		hospital.data.updateObservation(sourceId, o -> ((Quantity) o.getValue()).setValue(new BigDecimal("131")));

		Counts again = PullTesting.pull(port, source.name());

		assertThat(again.updated()).isEqualTo(1);
		assertThat(again.created()).isZero();
		Observation ours = byOrigin(sourceId);
		assertThat(ours.getMeta().getVersionId()).isEqualTo("2");
		assertThat(ours.getValueQuantity().getValue()).isEqualByComparingTo("131");
		assertThat(PullTesting.storedFrom(fhir, hospital)).isEqualTo(32);
	}

	@Test
	void aSubjectLevelPullFetchesOnlyThatSubject() {
		Counts one = PullTesting.pullSubject(port, subjects.get(1).researchSubjectId(), source.name());

		assertThat(one).isEqualTo(new Counts(18, 16, 0, 0, 1, 1, List.of()));
		List<Observation> stored = PullTesting.fetchAllFrom(fhir, hospital);
		assertThat(stored).hasSize(16)
				.allSatisfy(o -> assertThat(o.getSubject().getReference()).isEqualTo(subjects.get(1).patient()));
	}

	@Test
	void anUnknownSourceIsABadRequest() {
		FhirTestClient.http(port).contentType("application/fhir+json")
				.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"source\",\"valueString\":\"nowhere\"}]}")
				.post("/$pull")
				.then().statusCode(400);
	}

	@Test
	void anUnknownSubjectIsNotFound() {
		FhirTestClient.http(port).contentType("application/fhir+json").body("{\"resourceType\":\"Parameters\"}")
				.post("/ResearchSubject/does-not-exist/$pull")
				.then().statusCode(404);
	}

	private Observation byOrigin(String sourceId) {
		Bundle found = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(hospital.baseUrl() + "/Observation", sourceId))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		return (Observation) found.getEntryFirstRep().getResource();
	}
}
