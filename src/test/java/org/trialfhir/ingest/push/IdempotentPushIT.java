package org.trialfhir.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.Simultaneous;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class IdempotentPushIT {

	static final String EHR_IDS = "http://hospital-a.example/lab-result";
	static final Instant WHEN = Instant.parse("2026-03-01T10:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IInterceptorService storage;

	IGenericClient fhir;
	String patient;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		patient = fhir.create().resource(TrialFixtures.patient("push-" + UUID.randomUUID(), LocalDate.of(1960, 5, 5)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void retriedPostReturnsTheStoredObservationAndAChangedValueMakesVersionTwo() {
		String id = UUID.randomUUID().toString();
		Response first = post(platelets(id, 12.0));
		Response retry = post(platelets(id, 12.0));
		Response corrected = post(platelets(id, 11.5));

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(corrected.statusCode()).isEqualTo(200);
		String stored = first.jsonPath().getString("id");
		assertThat(retry.jsonPath().getString("id")).isEqualTo(stored);
		assertThat(retry.jsonPath().getString("meta.versionId")).isEqualTo("1"); // identical content: no new version
		assertThat(corrected.jsonPath().getString("id")).isEqualTo(stored);
		assertThat(corrected.jsonPath().getString("meta.versionId")).isEqualTo("2");
		assertThat(corrected.jsonPath().getDouble("valueQuantity.value")).isEqualTo(11.5);
		assertThat(countByIdentifier(id)).isEqualTo(1);
	}

	@Test
	void eightIdenticalParallelPostsCreateExactlyOneObservation() throws Exception {
		String id = UUID.randomUUID().toString();
		String body = FhirTestClient.json(platelets(id, 9.0));
		List<Callable<Response>> pushes = Collections.nCopies(8,
				() -> FhirTestClient.http(port).contentType("application/fhir+json").body(body).post("/Observation"));
		List<Integer> statuses = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (Response response : Simultaneous.send(pushes)) {
			statuses.add(response.statusCode());
			ids.add(response.jsonPath().getString("id"));
		}

		// one create wins (201); every other push finds it unchanged (200); all name the same resource
		assertThat(statuses).containsOnly(200, 201);
		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(countByIdentifier(id)).isEqualTo(1);
		assertThat(fhir.read().resource(Observation.class).withId(ids.get(0)).execute().getMeta().getVersionId())
				.isEqualTo("1");
	}

	@Test
	void transactionOfPostsSentTwiceStoresEachObservationOnce() {
		String tag = UUID.randomUUID().toString();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 3; i++) {
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(platelets(tag + "-" + i, 10 + i))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		Bundle first = fhir.transaction().withBundle(bundle).execute();
		Bundle again = fhir.transaction().withBundle(bundle).execute();

		assertThat(first.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		assertThat(again.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
		for (int i = 0; i < 3; i++) {
			assertThat(countByIdentifier(tag + "-" + i)).isEqualTo(1);
			assertThat(new IdType(again.getEntry().get(i).getResponse().getLocation()).getVersionIdPart()).isEqualTo("1");
		}
	}

	@Test
	void batchOfPostsSentTwiceStoresEachObservationOnce() {
		String tag = UUID.randomUUID().toString();
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		for (int i = 0; i < 2; i++) {
			batch.addEntry().setResource(platelets(tag + "-" + i, 20 + i))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		fhir.transaction().withBundle(batch).execute();
		Bundle again = fhir.transaction().withBundle(batch).execute();

		assertThat(again.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
		assertThat(countByIdentifier(tag + "-0")).isEqualTo(1);
		assertThat(countByIdentifier(tag + "-1")).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesASecondObservationWithTheSameIdentifierEvenByIdAssignedPut() {
		String id = UUID.randomUUID().toString();
		post(platelets(id, 7.0)).then().statusCode(201);
		Observation twin = platelets(id, 7.0);
		twin.setId("twin-" + id.substring(0, 8));

		Response put = FhirTestClient.http(port).contentType("application/fhir+json").body(FhirTestClient.json(twin))
				.put("/Observation/" + twin.getIdElement().getIdPart());

		// the unique index on Observation.identifier fails the insert: a conflict, and still one resource
		assertThat(put.statusCode()).isEqualTo(409);
		assertThat(put.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(countByIdentifier(id)).isEqualTo(1);
	}

	@Test
	void aKeyedPushCannotMoveAnObservationToAnotherPatient() {
		String id = UUID.randomUUID().toString();
		String stored = post(platelets(id, 8.0)).then().statusCode(201).extract().jsonPath().getString("id");
		String otherPatient = fhir.create().resource(TrialFixtures.patient("other-" + id, LocalDate.of(1961, 6, 6)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		Observation reused = platelets(id, 8.0);
		reused.getSubject().setReference(otherPatient);

		Response moved = post(reused);
		Response movedByConditionalPut = FhirTestClient.http(port).contentType("application/fhir+json")
				.body(FhirTestClient.json(reused)).put("/Observation?identifier=" + EHR_IDS + "|" + id);

		assertThat(moved.statusCode()).isEqualTo(409);
		assertThat(moved.jsonPath().getString("issue[0].diagnostics")).contains("cannot move it to " + otherPatient);
		assertThat(movedByConditionalPut.statusCode()).isEqualTo(409);
		Observation unchanged = fhir.read().resource(Observation.class).withId(stored).execute();
		assertThat(unchanged.getSubject().getReference()).isEqualTo(patient);
		assertThat(unchanged.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void postsWithoutIdentifierAreOrdinaryCreates() {
		Observation anonymous = TrialFixtures.lab(patient, "777-3", 5.0, "10*4/uL", WHEN);
		String a = post(anonymous).then().statusCode(201).extract().jsonPath().getString("id");
		String b = post(anonymous).then().statusCode(201).extract().jsonPath().getString("id");
		assertThat(a).isNotEqualTo(b);
	}

	@Test
	void anExplicitIfNoneExistIsHonouredAsAConditionalCreate() {
		String id = UUID.randomUUID().toString();
		post(platelets(id, 3.0)).then().statusCode(201);
		Response conditional = FhirTestClient.http(port).contentType("application/fhir+json")
				.header("If-None-Exist", "identifier=" + EHR_IDS + "|" + id)
				.body(FhirTestClient.json(platelets(id, 4.0))).post("/Observation");

		// conditional create never updates: the stored value stays 3.0
		assertThat(conditional.statusCode()).isEqualTo(200);
		Observation stored = fhir.read().resource(Observation.class).withId(conditional.jsonPath().getString("id"))
				.execute();
		assertThat(stored.getValueQuantity().getValue()).isEqualByComparingTo("3.0");
	}

	@Test
	void identifierSearchesBySystemAloneOrValueAloneStillFindThePush() {
		String system = "http://hospital-" + UUID.randomUUID() + ".example/lab-result";
		String value = UUID.randomUUID().toString();
		Observation observation = TrialFixtures.lab(patient, "777-3", 6.0, "10*4/uL", WHEN);
		observation.addIdentifier(new Identifier().setSystem(system).setValue(value));
		post(observation).then().statusCode(201);

		// the unique index must not take over ordinary identifier searches it cannot answer
		Bundle bySystem = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.hasSystemWithAnyCode(system)).returnBundle(Bundle.class).execute();
		Bundle byValue = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().code(value)).returnBundle(Bundle.class).execute();
		assertThat(bySystem.getEntry()).hasSize(1);
		assertThat(byValue.getEntry()).hasSize(1);
	}

	@Test
	void aKeyedPushIsMatchedWithoutHapisConditionalUrlMachinery() {
		String id = UUID.randomUUID().toString();
		String stored = post(platelets(id, 5.5)).then().statusCode(201).extract().jsonPath().getString("id");

		// HAPI's conditional update records each URL that created a resource (its guard against parallel conditional
		// creates); the keyed push matches by the token index and creates plainly, its unique index being the guard
		assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_res_search_url u JOIN hfj_resource r"
				+ " ON r.res_id = u.res_id WHERE r.res_type = 'Observation' AND r.fhir_id = ?", Long.class, stored))
				.isZero();
		assertThat(post(platelets(id, 5.5)).then().statusCode(200).extract().jsonPath().getString("id")).isEqualTo(stored);
	}

	@Test
	void aKeyWithTheCharactersAnIdentifierSearchEscapesIsMatchedLikeAnyOther() {
		String id = "a|b,c\\d$e " + UUID.randomUUID();
		String stored = post(platelets(id, 4.5)).then().statusCode(201).extract().jsonPath().getString("id");
		Response corrected = post(platelets(id, 4.0));

		assertThat(corrected.statusCode()).isEqualTo(200);
		assertThat(corrected.jsonPath().getString("id")).isEqualTo(stored);
		assertThat(corrected.jsonPath().getString("meta.versionId")).isEqualTo("2");
		assertThat(countByIdentifier(id)).isEqualTo(1);
	}

	@Test
	void aPushAfterItsObservationWasDeletedCreatesANewOne() {
		String id = UUID.randomUUID().toString();
		String deleted = post(platelets(id, 6.5)).then().statusCode(201).extract().jsonPath().getString("id");
		fhir.delete().resourceById(new IdType("Observation", deleted)).execute();

		Response again = post(platelets(id, 6.5));

		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.jsonPath().getString("id")).isNotEqualTo(deleted);
		assertThat(countByIdentifier(id)).isEqualTo(1);
	}

	@Test
	void parallelPushesOfOneKeyWithDifferentValuesStoreOneObservationWithEveryChangeAVersion() throws Exception {
		String id = UUID.randomUUID().toString();
		List<Callable<Response>> pushes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String body = FhirTestClient.json(platelets(id, 30 + i));
			pushes.add(() -> FhirTestClient.http(port).contentType("application/fhir+json").body(body).post("/Observation"));
		}
		List<Integer> statuses = Simultaneous.send(pushes).stream().map(Response::statusCode).toList();

		// one create, three updates of it (each value differs from the one before it): versions 1 to 4
		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
		assertThat(countByIdentifier(id)).isEqualTo(1);
		Bundle stored = fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(EHR_IDS, id)).returnBundle(Bundle.class).execute();
		assertThat(((Observation) stored.getEntryFirstRep().getResource()).getMeta().getVersionId()).isEqualTo("4");
	}

	@Test
	void aKeyedPushReachesHapisStorageWithItsPatientAlreadyResolved() {
		String id = UUID.randomUUID().toString();
		SubjectProbe probe = new SubjectProbe(id, patient);
		storage.registerInterceptor(probe);
		try {
			post(platelets(id, 7.5)).then().statusCode(201);
			post(platelets(id, 7.0)).then().statusCode(200);
		} finally {
			storage.unregisterInterceptor(probe);
		}
		// found by the keyed match's own query, so HAPI does not look the subject up again to index the reference
		Long patientResId = jdbc.queryForObject("SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' "
				+ "AND fhir_id = ?", Long.class, new IdType(patient).getIdPart());
		assertThat(probe.resolved).isEqualTo(Map.of("create", patientResId, "update", patientResId));
		Bundle bySubject = fhir.search().forResource(Observation.class).where(Observation.SUBJECT.hasId(patient))
				.and(Observation.IDENTIFIER.exactly().systemAndCode(EHR_IDS, id)).returnBundle(Bundle.class).execute();
		assertThat(bySubject.getEntry()).hasSize(1);
	}

	@Test
	void aKeyedPushForADeletedOrUnknownPatientIsRefusedAndStoresNothing() {
		String deleted = fhir.create().resource(TrialFixtures.patient("gone-" + UUID.randomUUID(), LocalDate.of(1970, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		fhir.delete().resourceById(new IdType(deleted)).execute();
		for (String subject : List.of(deleted, "Patient/unknown-" + UUID.randomUUID())) {
			String id = UUID.randomUUID().toString();
			Observation observation = platelets(id, 8.0);
			observation.getSubject().setReference(subject);
			Response refused = post(observation);
			assertThat(refused.statusCode()).as(subject).isBetween(400, 499);
			assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
			assertThat(refused.asString()).contains(new IdType(subject).getIdPart());
			assertThat(countByIdentifier(id)).isZero();
		}
	}

	/** Records, for the Observation of one key, the Patient HAPI's storage finds already resolved in its transaction. */
	public static final class SubjectProbe {
		final Map<String, Long> resolved = new ConcurrentHashMap<>();
		private final String key;
		private final String patient;

		SubjectProbe(String key, String patient) {
			this.key = key;
			this.patient = patient;
		}

		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
		public void creating(IBaseResource resource, TransactionDetails transaction) {
			record("create", resource, transaction);
		}

		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
		public void updating(IBaseResource previous, IBaseResource resource, TransactionDetails transaction) {
			record("update", resource, transaction);
		}

		private void record(String kind, IBaseResource resource, TransactionDetails transaction) {
			if (resource instanceof Observation observation && observation.getIdentifier().stream()
					.anyMatch(identifier -> key.equals(identifier.getValue()))) {
				IResourcePersistentId<?> pid = transaction.getResolvedResourceId(new IdType(patient));
				resolved.put(kind, pid == null ? -1L : ((Number) pid.getId()).longValue());
			}
		}
	}

	private Observation platelets(String identifierValue, double value) {
		Observation observation = TrialFixtures.lab(patient, "777-3", value, "10*4/uL", WHEN);
		observation.addIdentifier(new Identifier().setSystem(EHR_IDS).setValue(identifierValue));
		return observation;
	}

	private Response post(Observation observation) {
		return FhirTestClient.http(port).contentType("application/fhir+json").body(FhirTestClient.json(observation))
				.post("/Observation");
	}

	private int countByIdentifier(String value) {
		return fhir.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode(EHR_IDS, value))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}
}
