package org.trialfhir.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.studyday.StudyDayExtension;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * An EHR's enrolment bundle: its patient, the patient's ResearchSubject and a platelet count, in every combination of
 * where the patient and the subject come from and whether the Observation is keyed by an identifier. The EHR sends
 * the patient and the subject as conditional creates, so that sending the same bundle again adds nothing but what
 * an ordinary create adds (an Observation without identifier).
 */
@TrialFhirServerTest
class EnrolmentBundleIT {

	static final String EHR_IDS = "http://hospital-a.example/lab-result";
	static final String ENROLMENT_IDS = "http://hospital-a.example/enrolment";
	static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
	// T0 + 30 h lies in [T0 + 24 h, T0 + 48 h): study day 2
	static final Instant TAKEN = T0.plusSeconds(30 * 3600);
	static final int DAY_TAKEN = 2;

	/** Where the bundle's patient comes from. */
	enum PatientFrom {
		/** created by the bundle's conditional create, named by its urn:uuid */
		NEW_ENTRY,
		/** stored before, named by its id */
		STORED_BY_ID,
		/** stored before, found by the bundle's conditional create, named by its urn:uuid */
		STORED_BY_ENTRY
	}

	/** Where the patient's ResearchSubject comes from. */
	enum SubjectFrom {
		BUNDLE,
		STORED,
		NONE
	}

	@LocalServerPort
	int port;

	IGenericClient fhir;
	String study;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		study = fhir.create().resource(TrialFixtures.study("enrolment bundle")).execute().getId()
				.toUnqualifiedVersionless().getValue();
	}

	static Stream<Arguments> combinations() {
		// a patient the bundle creates has no stored ResearchSubject
		return Stream.of(PatientFrom.values()).flatMap(patient -> Stream.of(SubjectFrom.values())
				.filter(subject -> patient != PatientFrom.NEW_ENTRY || subject != SubjectFrom.STORED)
				.flatMap(subject -> Stream.of(true, false).map(keyed -> Arguments.of(patient, subject, keyed))));
	}

	@ParameterizedTest(name = "patient {0}, subject {1}, keyed {2}")
	@MethodSource("combinations")
	void aTransactionIsStoredWholeWithItsStudyDayAndSentAgainAddsNoKeyedObservation(PatientFrom patientFrom,
			SubjectFrom subjectFrom, boolean keyed) {
		String mrn = "eb-" + UUID.randomUUID();
		String json = FhirTestClient.json(enrolmentBundle(Bundle.BundleType.TRANSACTION, mrn, patientFrom, subjectFrom,
				keyed));
		Optional<Integer> studyDay = subjectFrom == SubjectFrom.NONE ? Optional.empty() : Optional.of(DAY_TAKEN);

		Response first = post(json);

		assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
		assertThat(first.jsonPath().getList("entry.response.status", String.class))
				.allSatisfy(status -> assertThat(status).startsWith("20"));
		String patient = onlyPatientWith(mrn);
		assertThat(subjectsOf(patient)).hasSize(subjectFrom == SubjectFrom.NONE ? 0 : 1);
		assertThat(observationsOf(patient)).singleElement()
				.satisfies(o -> assertThat(StudyDayExtension.read(o)).isEqualTo(studyDay));

		Response again = post(json);

		assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
		assertThat(onlyPatientWith(mrn)).isEqualTo(patient);
		assertThat(subjectsOf(patient)).hasSize(subjectFrom == SubjectFrom.NONE ? 0 : 1);
		List<Observation> observations = observationsOf(patient);
		if (keyed) {
			// found unchanged: not even a new version
			assertThat(observations).singleElement()
					.satisfies(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
		} else {
			assertThat(observations).hasSize(2);
		}
		assertThat(observations).allSatisfy(o -> assertThat(StudyDayExtension.read(o)).isEqualTo(studyDay));
	}

	@Test
	void aKeyedObservationBeforeTheConditionalUpdateOfItsEnrolledPatientIsStoredWithItsStudyDay() {
		// HAPI writes a keyed Observation (a conditional update then) and a later conditional update in bundle order:
		// the patient's placeholder is resolved only after the Observation is created
		String mrn = "eb-order-" + UUID.randomUUID();
		String patient = fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1955, 3, 3))).execute()
				.getId().toUnqualifiedVersionless().getValue();
		fhir.create().resource(TrialFixtures.subject(study, patient, "rTM", T0)).execute();
		String placeholder = "urn:uuid:" + UUID.randomUUID();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		keyedPlateletsEntry(bundle, placeholder);
		bundle.addEntry().setFullUrl(placeholder).setResource(TrialFixtures.patient(mrn, LocalDate.of(1955, 3, 3)))
				.getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Patient?identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn);

		assertStoredOnceWithItsStudyDay(FhirTestClient.json(bundle), patient);
	}

	@Test
	void aKeyedObservationBeforeTheConditionalUpdateThatEnrolsItsPatientIsStoredWithItsStudyDay() {
		// the subject is written after the Observation was created: its re-stamp writes the Observation again
		String mrn = "eb-order-" + UUID.randomUUID();
		String patient = fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1955, 3, 3))).execute()
				.getId().toUnqualifiedVersionless().getValue();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		keyedPlateletsEntry(bundle, patient);
		ResearchSubject subject = TrialFixtures.subject(study, patient, "rTM", T0);
		subject.addIdentifier(new Identifier().setSystem(ENROLMENT_IDS).setValue(mrn));
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(subject).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT).setUrl("ResearchSubject?identifier=" + ENROLMENT_IDS + "|" + mrn);

		assertStoredOnceWithItsStudyDay(FhirTestClient.json(bundle), patient);
	}

	@ParameterizedTest(name = "keyed {0}")
	@ValueSource(booleans = {true, false})
	void anObservationOfAPatientTheBundleNamesByItsEntryIsValidatedAsEnrolled(boolean keyed) {
		String mrn = "eb-invalid-" + UUID.randomUUID();
		Bundle bundle = enrolmentBundle(Bundle.BundleType.TRANSACTION, mrn, PatientFrom.STORED_BY_ENTRY,
				SubjectFrom.STORED, keyed);
		Observation platelets = (Observation) bundle.getEntry().get(bundle.getEntry().size() - 1).getResource();
		platelets.getValueQuantity().setUnit("mg").setCode("mg");

		Response response = post(FhirTestClient.json(bundle));

		// an enrolled patient's platelets must come in a platelet unit (a patient not enrolled is not checked)
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
		assertThat(response.jsonPath().getList("issue.diagnostics", String.class))
				.anySatisfy(d -> assertThat(d).startsWith("unit 'mg' is not accepted for platelets (LOINC 777-3)"));
		assertThat(observationsOf(onlyPatientWith(mrn))).isEmpty();
	}

	@ParameterizedTest(name = "keyed {0}")
	@ValueSource(booleans = {true, false})
	void theBatchFormOfABundleNamingAStoredPatientStoresEachEntryWithItsStudyDay(boolean keyed) {
		String mrn = "eb-batch-" + UUID.randomUUID();
		String json = FhirTestClient.json(enrolmentBundle(Bundle.BundleType.BATCH, mrn, PatientFrom.STORED_BY_ID,
				SubjectFrom.BUNDLE, keyed));

		Response first = post(json);
		Response again = post(json);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.jsonPath().getList("entry.response.status", String.class)).containsExactly("201 Created",
				"201 Created");
		assertThat(again.statusCode()).isEqualTo(200);
		String patient = onlyPatientWith(mrn);
		assertThat(subjectsOf(patient)).hasSize(1);
		assertThat(observationsOf(patient)).hasSize(keyed ? 1 : 2)
				.allSatisfy(o -> assertThat(StudyDayExtension.read(o)).contains(DAY_TAKEN));
	}

	@Test
	void aBatchEntryCannotNameThePatientAnotherEntryCreates() {
		// batch entries are independent (FHIR R4 3.1.0.11.3): a urn:uuid names nothing outside its own entry
		String mrn = "eb-batch-" + UUID.randomUUID();
		String json = FhirTestClient.json(enrolmentBundle(Bundle.BundleType.BATCH, mrn, PatientFrom.NEW_ENTRY,
				SubjectFrom.BUNDLE, true));

		Response response = post(json);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getString("entry[0].response.status")).startsWith("201");
		for (int entry = 1; entry <= 2; entry++) {
			assertThat(response.jsonPath().getString("entry[" + entry + "].response.status")).startsWith("400");
			assertThat(response.jsonPath().getString("entry[" + entry + "].response.outcome.issue[0].diagnostics"))
					.contains("urn:uuid:");
		}
		String patient = onlyPatientWith(mrn);
		assertThat(subjectsOf(patient)).isEmpty();
		assertThat(observationsOf(patient)).isEmpty();
	}

	/**
	 * Patient (conditional create, unless named by id), ResearchSubject (conditional create on its identifier) and
	 * platelets in this order, as an EHR sends them; what comes "from storage" is stored first.
	 */
	private Bundle enrolmentBundle(Bundle.BundleType type, String mrn, PatientFrom patientFrom,
			SubjectFrom subjectFrom, boolean keyed) {
		Bundle bundle = new Bundle().setType(type);
		String patient;
		if (patientFrom == PatientFrom.NEW_ENTRY) {
			patient = patientEntry(bundle, mrn);
		} else {
			String stored = fhir.create().resource(TrialFixtures.patient(mrn, LocalDate.of(1955, 3, 3))).execute()
					.getId().toUnqualifiedVersionless().getValue();
			patient = patientFrom == PatientFrom.STORED_BY_ID ? stored : patientEntry(bundle, mrn);
			if (subjectFrom == SubjectFrom.STORED) {
				fhir.create().resource(TrialFixtures.subject(study, stored, "rTM", T0)).execute();
			}
		}
		if (subjectFrom == SubjectFrom.BUNDLE) {
			ResearchSubject subject = TrialFixtures.subject(study, patient, "rTM", T0);
			Identifier enrolment = new Identifier().setSystem(ENROLMENT_IDS).setValue(mrn);
			subject.addIdentifier(enrolment);
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(subject).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("ResearchSubject")
					.setIfNoneExist("identifier=" + ENROLMENT_IDS + "|" + mrn);
		}
		Observation platelets = TrialFixtures.lab(patient, "777-3", 150, "10*9/L", TAKEN);
		if (keyed) {
			platelets.addIdentifier(new Identifier().setSystem(EHR_IDS).setValue(UUID.randomUUID().toString()));
		}
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(platelets).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		return bundle;
	}

	private static void keyedPlateletsEntry(Bundle bundle, String patient) {
		Observation platelets = TrialFixtures.lab(patient, "777-3", 150, "10*9/L", TAKEN);
		platelets.addIdentifier(new Identifier().setSystem(EHR_IDS).setValue(UUID.randomUUID().toString()));
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(platelets).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
	}

	private void assertStoredOnceWithItsStudyDay(String bundle, String patient) {
		Response first = post(bundle);
		Response again = post(bundle);

		assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
		assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
		assertThat(observationsOf(patient)).singleElement()
				.satisfies(o -> assertThat(StudyDayExtension.read(o)).contains(DAY_TAKEN));
	}

	/** Adds the patient as a conditional create on the MRN; returns its placeholder. */
	private static String patientEntry(Bundle bundle, String mrn) {
		String placeholder = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(placeholder).setResource(TrialFixtures.patient(mrn, LocalDate.of(1955, 3, 3)))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
				.setIfNoneExist("identifier=" + TrialFixtures.MRN_SYSTEM + "|" + mrn);
		return placeholder;
	}

	private Response post(String bundle) {
		return FhirTestClient.http(port).contentType("application/fhir+json").body(bundle).post("/");
	}

	private String onlyPatientWith(String mrn) {
		List<Patient> patients = search(fhir.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode(TrialFixtures.MRN_SYSTEM, mrn)), Patient.class);
		assertThat(patients).hasSize(1);
		return patients.get(0).getIdElement().toUnqualifiedVersionless().getValue();
	}

	private List<ResearchSubject> subjectsOf(String patient) {
		return search(fhir.search().forResource(ResearchSubject.class)
				.where(ResearchSubject.INDIVIDUAL.hasId(patient)), ResearchSubject.class);
	}

	// the platelet counts only: the derivation worker adds the patient's derived scores when it gets to them
	private List<Observation> observationsOf(String patient) {
		return search(fhir.search().forResource(Observation.class).where(Observation.SUBJECT.hasId(patient))
				.and(Observation.CODE.exactly().systemAndCode(TrialFixtures.LOINC, "777-3")), Observation.class);
	}

	// no-cache: HAPI would answer a repeated search from its cache of the last minute
	private static <T> List<T> search(IQuery<?> query, Class<T> type) {
		Bundle found = query.cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class)
				.execute();
		return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(type::cast).toList();
	}
}
