package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.hospital.Faults;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.studyday.StudyDayExtension;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * Bulk Data export mode gives what search mode gives: two hospitals with the same charts, one pulled by search, one
 * by $export, for the same two subjects.
 */
@TrialFhirServerTest
class BulkExportPullIT {

	static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Autowired
	IInterceptorService interceptors;

	@Autowired
	JdbcTemplate jdbc;

	IGenericClient fhir;
	FakeHospital searched;
	FakeHospital exported;
	List<List<String>> heartRates = new java.util.ArrayList<>();
	EhrSource searchSource;
	EhrSource bulkSource;
	String mrnSystem;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		searched = FakeHospital.start();
		exported = FakeHospital.start();
		mrnSystem = EnrolledSubjects.newMrnSystem();
		for (EnrolledSubjects.Subject subject : EnrolledSubjects.on(fhir).mrnSystem(mrnSystem).t0(T0).enrol(2)) {
			HospitalFixtures.chart(searched, mrnSystem, subject.mrn(), T0);
			heartRates.add(HospitalFixtures.chart(exported, mrnSystem, subject.mrn(), T0));
		}
		HospitalFixtures.bystander(exported, mrnSystem, T0);
		HospitalFixtures.bystander(searched, mrnSystem, T0);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		searchSource = PullTesting.searchSource("searched-" + tag, searched, mrnSystem);
		bulkSource = PullTesting.source("exported-" + tag, exported, mrnSystem, EhrAuth.NONE,
				EhrSource.FetchMode.BULK_EXPORT, null);
		sources.register(searchSource);
		sources.register(bulkSource);
	}

	@AfterEach
	void tearDown() {
		sources.remove(searchSource.name());
		sources.remove(bulkSource.name());
		searched.close();
		exported.close();
	}

	@Test
	void patientLevelExportYieldsTheSameObservationsAsSearch() {
		Counts bySearch = PullTesting.pull(port, searchSource.name());
		Counts byExport = PullTesting.pull(port, bulkSource.name());

		assertThat(byExport).isEqualTo(bySearch).isEqualTo(new Counts(36, 32, 0, 0, 2, 2, List.of()));
		assertThat(content(searched)).hasSize(32).isEqualTo(content(exported));
		assertThat(exported.bulk.kickOffs()).isEqualTo(1);
		assertThat(exported.bulk.openJobs()).isZero(); // the export was deleted once stored
	}

	@Test
	void groupLevelExportYieldsTheSameAsPatientLevel() {
		// the hospital's group holds our two patients and its bystander
		exported.bulk.group("trial-patients", exported.data.observations().stream()
				.map(o -> o.getSubject().getReferenceElement().getIdPart()).collect(java.util.stream.Collectors.toSet()));
		EhrSource group = PullTesting.source(bulkSource.name(), exported, mrnSystem, EhrAuth.NONE,
				EhrSource.FetchMode.BULK_EXPORT,
				new EhrSource.BulkExport(EhrSource.BulkExport.Level.GROUP, "trial-patients", Duration.ofMillis(100), null));
		sources.register(group);

		assertThat(PullTesting.pull(port, group.name())).isEqualTo(new Counts(36, 32, 0, 0, 2, 2, List.of()));
		PullTesting.pull(port, searchSource.name());
		assertThat(content(exported)).isEqualTo(content(searched));
	}

	@Test
	void aSecondExportSinceTheFirstImportsNothingAndAChangeIsAnUpdate() {
		PullTesting.pull(port, bulkSource.name());
		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(0, 0, 0, 0, 0, 0, List.of()));

		String changed = heartRates.get(0).get(9); // k = 3, T0 + 18 h
		exported.data.updateObservation(changed, o -> ((Quantity) o.getValue()).setValue(new BigDecimal("140")));

		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(1, 0, 1, 0, 0, 0, List.of()));
		assertThat(PullTesting.storedFrom(fhir, exported)).isEqualTo(32);
	}

	@Test
	void aDownloadCutOffMidFileIsFetchedAgain() {
		exported.faults.next(Faults.Target.EXPORT_FILES, Faults.pass(), Faults.drop(), Faults.serverError(500));
		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(36, 32, 0, 0, 2, 2, List.of()));
		assertThat(exported.faults.injected()).isEqualTo(2);
		assertThat(PullTesting.storedFrom(fhir, exported)).isEqualTo(32);
	}

	@Test
	void anExportReportingAnErrorFileKeepsTheCursorsSoTheNextPullFetchesWhatItMissed() {
		String missedPatient = exported.data.observation(heartRates.get(0).get(0)).getSubject().getReferenceElement()
				.getIdPart();
		exported.bulk.failNextExportOf(missedPatient);

		Counts partial = PullTesting.pull(port, bulkSource.name());

		// the second subject's chart only, plus the error file as one error
		assertThat(partial).usingRecursiveComparison().ignoringFields("notes")
				.isEqualTo(new Counts(18, 16, 0, 0, 1, 1 + 1, List.of()));
		assertThat(partial.notes()).singleElement().satisfies(note -> assertThat(note).contains("error file")
				.contains("Observations of Patient/" + missedPatient + " could not be exported")
				.contains("the next pull exports again"));
		assertThat(jdbc.queryForList("SELECT reason FROM ingest_pull_issue WHERE source_name = ? AND kind = 'failed'",
				String.class, bulkSource.name())).singleElement().asString()
				.contains("Observations of Patient/" + missedPatient + " could not be exported");

		// the same export again: the first subject's chart is created, the second's found unchanged
		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(36, 16, 0, 16, 2, 2, List.of()));
		assertThat(PullTesting.storedFrom(fhir, exported)).isEqualTo(32);
		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(0, 0, 0, 0, 0, 0, List.of()));
	}

	@Test
	void aConflictOfOurStorageOutlastingTheRetriesKeepsTheCursorsSoTheNextPullStoresTheResource() {
		String reading = heartRates.get(0).get(9);
		StorageConflicts conflicts = new StorageConflicts(new Identifier()
				.setSystem(exported.baseUrl() + "/Observation").setValue(reading), Integer.MAX_VALUE,
				() -> new PreconditionFailedException("injected 412"));
		interceptors.registerInterceptor(conflicts);
		Counts first;
		try {
			first = PullTesting.pull(port, bulkSource.name());
		} finally {
			interceptors.unregisterInterceptor(conflicts);
		}
		assertThat(first).usingRecursiveComparison().ignoringFields("notes")
				.isEqualTo(new Counts(36, 31, 0, 0, 2, 2 + 1, List.of()));
		assertThat(first.notes()).anySatisfy(note -> assertThat(note)
				.contains(exported.baseUrl() + "/Observation/" + reading).contains("left for the next pull"));

		assertThat(PullTesting.pull(port, bulkSource.name())).isEqualTo(new Counts(36, 1, 0, 31, 2, 2, List.of()));
		assertThat(PullTesting.storedFrom(fhir, exported)).isEqualTo(32);
	}

	/** What a pull stored from one hospital, without what necessarily differs between the two (ids, origin). */
	private Set<String> content(FakeHospital hospital) {
		Set<String> rows = new HashSet<>();
		for (Observation o : PullTesting.fetchAllFrom(fhir, hospital)) {
			rows.add(String.join(" ", o.getIdentifierFirstRep().getValue(), o.getSubject().getReference(),
					o.getCode().getCodingFirstRep().getCode(), o.getEffectiveDateTimeType().getValueAsString(),
					o.getValueQuantity().getValue().toPlainString(), o.getValueQuantity().getCode(),
					String.valueOf(StudyDayExtension.read(o).orElse(null))));
		}
		return rows;
	}
}
