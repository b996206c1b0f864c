package org.trialfhir.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.Simultaneous;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/** The keyed entries of a transaction matched by {@link KeyedTransactions}: the same outcomes as HAPI's conditional updates. */
@TrialFhirServerTest
class KeyedTransactionsIT {

	static final String EHR_IDS = "http://hospital-b.example/results";
	static final Instant WHEN = Instant.parse("2026-03-02T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	IGenericClient fhir;
	String patient;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		patient = fhir.create().resource(TrialFixtures.patient("keyed-tx-" + UUID.randomUUID(), LocalDate.of(1958, 7, 7)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void newKeysAreCreatedWithoutHapisConditionalUrlMachinery() {
		String tag = UUID.randomUUID().toString();
		Bundle created = fhir.transaction().withBundle(bundleOf(tag, 3, 10)).execute();

		assertThat(created.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		for (Bundle.BundleEntryComponent entry : created.getEntry()) {
			// HAPI's conditional update records each URL that created a resource; a create matched here is plain
			assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_res_search_url u JOIN hfj_resource r"
					+ " ON r.res_id = u.res_id WHERE r.res_type = 'Observation' AND r.fhir_id = ?", Long.class,
					new IdType(entry.getResponse().getLocation()).getIdPart())).isZero();
		}
	}

	@Test
	void aBundleOfStoredNewAndChangedKeysUpdatesCreatesAndResolvesPlaceholders() {
		String tag = UUID.randomUUID().toString();
		Bundle first = fhir.transaction().withBundle(bundleOf(tag, 2, 10)).execute();
		String unchanged = new IdType(first.getEntry().get(0).getResponse().getLocation()).getIdPart();
		String changed = new IdType(first.getEntry().get(1).getResponse().getLocation()).getIdPart();

		// key 0 as stored, key 1 with another value, key 2 new and pointing at key 1's entry by its placeholder
		Bundle mixed = bundleOf(tag, 3, 10);
		((Observation) mixed.getEntry().get(1).getResource()).getValueQuantity().setValue(99);
		((Observation) mixed.getEntry().get(2).getResource())
				.addDerivedFrom(new Reference(mixed.getEntry().get(1).getFullUrl()));
		Bundle second = fhir.transaction().withBundle(mixed).execute();

		assertThat(second.getEntry()).extracting(e -> e.getResponse().getStatus().substring(0, 3))
				.containsExactly("200", "200", "201");
		assertThat(new IdType(second.getEntry().get(0).getResponse().getLocation()))
				.satisfies(id -> assertThat(id.getIdPart()).isEqualTo(unchanged))
				.satisfies(id -> assertThat(id.getVersionIdPart()).isEqualTo("1")); // same content: no new version
		assertThat(new IdType(second.getEntry().get(1).getResponse().getLocation()))
				.satisfies(id -> assertThat(id.getIdPart()).isEqualTo(changed))
				.satisfies(id -> assertThat(id.getVersionIdPart()).isEqualTo("2"));
		Observation third = fhir.read().resource(Observation.class)
				.withUrl(second.getEntry().get(2).getResponse().getLocation()).execute();
		assertThat(third.getDerivedFromFirstRep().getReference()).isEqualTo("Observation/" + changed);
		for (int i = 0; i < 3; i++) {
			assertThat(countByIdentifier(tag + "-" + i)).isEqualTo(1);
		}
	}

	@Test
	void eightParallelCopiesOfOneTransactionStoreEachKeyOnce() throws Exception {
		String tag = UUID.randomUUID().toString();
		String body = FhirTestClient.json(bundleOf(tag, 5, 20));
		List<Callable<Response>> copies = Collections.nCopies(8,
				() -> FhirTestClient.http(port).contentType("application/fhir+json").body(body).post("/"));
		List<Integer> statuses = new ArrayList<>();
		Set<String> locations = new HashSet<>();
		for (Response response : Simultaneous.send(copies)) {
			statuses.add(response.statusCode());
			locations.addAll(response.jsonPath().getList("entry.response.location", String.class).stream()
					.map(location -> new IdType(location).getIdPart()).toList());
		}

		// every copy succeeds; the copies that lost the race to create were written again and found the winner's
		assertThat(statuses).containsOnly(200);
		assertThat(locations).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(countByIdentifier(tag + "-" + i)).isEqualTo(1);
		}
	}

	@Test
	void aKeyTwiceInOneTransactionIsLeftToHapiAndStoresNoDuplicate() {
		String tag = UUID.randomUUID().toString();
		Bundle twice = bundleOf(tag, 1, 10);
		twice.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(platelets(tag + "-0", 11))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		Response response = FhirTestClient.http(port).contentType("application/fhir+json")
				.body(FhirTestClient.json(twice)).post("/");

		assertThat(response.statusCode()).isBetween(200, 499);
		assertThat(countByIdentifier(tag + "-0")).isLessThanOrEqualTo(1);
	}

	private Bundle bundleOf(String tag, int count, double firstValue) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < count; i++) {
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(platelets(tag + "-" + i, firstValue + i))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		return bundle;
	}

	private Observation platelets(String identifierValue, double value) {
		Observation observation = TrialFixtures.lab(patient, "777-3", value, "10*4/uL", WHEN);
		observation.addIdentifier(new Identifier().setSystem(EHR_IDS).setValue(identifierValue));
		return observation;
	}

	private int countByIdentifier(String value) {
		return fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(EHR_IDS, value))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}
}
