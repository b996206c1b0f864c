package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.adjudication.AdjudicationTags;
import org.trialfhir.hapisql.StoredInputs;
import org.trialfhir.hapisql.StoredInputs.ObservationWindow;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@link StoredInputs} reads HAPI's internal tables; this pins it to what HAPI's own search returns for the same
 * patient — current versions only, nothing deleted, no other patient's records, derived scores apart — so a HAPI
 * upgrade that changes the schema fails here rather than in a score. It lives beside the derivation, whose case and
 * {@code $derive-scores} make the records; the other queries of {@code org.trialfhir.hapisql} are pinned in that
 * package's tests.
 */
@TrialFhirServerTest
class StoredInputsIT {

	@LocalServerPort
	int port;

	@Autowired
	StoredInputs storedInputs;

	@Autowired
	DaoRegistry daos;

	@Autowired
	FhirContext fhirContext;

	@Test
	void readsWhatHapisSearchOfTheSubjectReturnsWithoutTheDerivedScores() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		SepticDicCase patient = new SepticDicCase(run);
		SepticDicCase otherPatient = new SepticDicCase(run + "-other", run);
		IGenericClient fhir = FhirTestClient.fhir(port);
		fhir.transaction().withBundle(patient.build()).execute();
		fhir.transaction().withBundle(otherPatient.build()).execute();
		FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", patient.subjectId())).named("$derive-scores")
				.withParameters(new Parameters()).returnResourceType(Bundle.class).execute();
		Observation corrected = fhir.read().resource(Observation.class).withId(patient.observationId(4, "plt"))
				.execute();
		corrected.getValueQuantity().setValue(new BigDecimal("18.0"));
		fhir.update().resource(corrected).execute();
		fhir.delete().resourceById("Observation", patient.observationId(9, "ddimer")).execute();
		// a value held for adjudication: left out, as HAPI's search with _tag:not leaves it out
		Coding pending = new Coding(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		Meta held = new Meta();
		held.addTag(pending);
		daos.getResourceDao("Observation").metaAddOperation(new IdType("Observation", patient.observationId(3, "plt")),
				held, new SystemRequestDetails());

		Map<String, IBaseResource> read = byVersionedId(storedInputs.of(patient.patientId(),
				DerivedObservations.IDENTIFIER_SYSTEM, pending).stream());
		List<IBaseResource> searched = Stream.of("Observation", "Procedure", "MedicationAdministration")
				.flatMap(type -> hapiSearch(type, patient.patientId(), pending).stream()).toList();
		Map<String, IBaseResource> derived = byVersionedId(searched.stream()
				.filter(r -> r instanceof Observation o && DerivedObservations.isDerived(o)));
		Map<String, IBaseResource> inputs = byVersionedId(searched.stream()
				.filter(r -> !(r instanceof Observation o && DerivedObservations.isDerived(o))));

		assertThat(derived).as("the derivation stored scores, which must be left out").hasSize(10 * DerivedScoreAssertions.scoresADay());
		assertThat(read.keySet()).isEqualTo(inputs.keySet());
		assertThat(read.keySet()).contains("Observation/" + patient.observationId(4, "plt") + "/_history/2")
				.doesNotContain("Observation/" + patient.observationId(9, "ddimer") + "/_history/1")
				.noneMatch(id -> id.startsWith("Observation/" + patient.observationId(3, "plt") + "/"))
				.anyMatch(id -> id.startsWith("Procedure/")).anyMatch(id -> id.startsWith("MedicationAdministration/"));
		read.forEach((id, resource) -> assertThat(content(resource)).as(id).isEqualTo(content(inputs.get(id))));
		assertThat(((Observation) read.get("Observation/" + patient.observationId(4, "plt") + "/_history/2"))
				.getValueQuantity().getValue()).isEqualByComparingTo("18.0");
	}

	@Test
	void aWindowedReadIsHapisDateSearchOfTheWindowPlusTheAnyTimeCodesAndEveryTreatment() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		SepticDicCase patient = new SepticDicCase(run);
		FhirTestClient.fhir(port).transaction().withBundle(patient.build()).execute();
		Coding pending = new Coding(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		// days 5 and 6, from hour 9 of day 5 to hour 9 of day 7: no record lies within an hour of either edge
		Instant from = SepticDicCase.T0.plusHours(24 * 4 + 9).toInstant();
		Instant to = SepticDicCase.T0.plusHours(24 * 6 + 9).toInstant();
		List<Coding> anyTime = List.of(new Coding("http://loinc.org", "29463-7", null),
				new Coding("http://loinc.org", "9269-2", null), new Coding(SepticDicCase.ECRF, null, null));

		Map<String, IBaseResource> read = byVersionedId(storedInputs.of(patient.patientId(),
				DerivedObservations.IDENTIFIER_SYSTEM, pending, new ObservationWindow(from, to, anyTime)).stream());

		SearchParameterMap inWindow = notPending(patient.patientId(), pending)
				.add("date", new DateRangeParam(new DateParam("ge" + from), new DateParam("le" + to)));
		SearchParameterMap coded = notPending(patient.patientId(), pending).add("code", new TokenOrListParam()
				.add("http://loinc.org", "29463-7").add("http://loinc.org", "9269-2").add(SepticDicCase.ECRF, null));
		Map<String, IBaseResource> expected = byVersionedIdOnce(Stream.of(search("Observation", inWindow),
				search("Observation", coded), hapiSearch("Procedure", patient.patientId(), pending),
				hapiSearch("MedicationAdministration", patient.patientId(), pending),
				hapiSearch("Observation", patient.patientId(), pending).stream()
						.filter(o -> !((Observation) o).hasEffective()).toList())
				.flatMap(List::stream));
		assertThat(read.keySet()).isEqualTo(expected.keySet());
		// the platelets of days 6 and 7 (hour 4) are in the window, those of days 5 and 8 are not; the weight, the GCS
		// and the eCRF items of day 1 are read anyway
		assertThat(read.keySet()).contains(versioned(patient.observationId(6, "plt")), versioned(patient.observationId(7,
				"plt")), versioned(patient.observationId(1, "gcs")), versioned(patient.observationId(1, "weight")),
				versioned(patient.observationId(1, "ud"))).doesNotContain(versioned(patient.observationId(5, "plt")),
						versioned(patient.observationId(8, "plt")), versioned(patient.observationId(1, "hr-a")))
				.anyMatch(id -> id.startsWith("Procedure/")).anyMatch(id -> id.startsWith("MedicationAdministration/"));
	}

	@Test
	void aPatientWithAPanelHasEveryObservationRead() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		SepticDicCase patient = new SepticDicCase(run);
		FhirTestClient.fhir(port).transaction().withBundle(patient.build()).execute();
		// a day-5 PaO2 grouping day 1's gas: its members take its time, wherever their own lies
		Observation panel = (Observation) fhirContext.newJsonParser().parseResource(fhirContext.newJsonParser()
				.encodeResourceToString(FhirTestClient.fhir(port).read().resource(Observation.class)
						.withId(patient.observationId(5, "pao2-h6")).execute()));
		panel.setId((String) null);
		panel.getIdentifier().clear();
		panel.addHasMember().setReference("Observation/" + patient.observationId(1, "pao2-h6"));
		daos.getResourceDao(Observation.class).create(panel, new SystemRequestDetails());
		Coding pending = new Coding(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		Instant from = SepticDicCase.T0.plusHours(24 * 4 + 9).toInstant();
		Instant to = SepticDicCase.T0.plusHours(24 * 6 + 9).toInstant();

		Map<String, IBaseResource> windowed = byVersionedId(storedInputs.of(patient.patientId(),
				DerivedObservations.IDENTIFIER_SYSTEM, pending, new ObservationWindow(from, to, List.of())).stream());

		assertThat(windowed.keySet()).isEqualTo(byVersionedId(storedInputs.of(patient.patientId(),
				DerivedObservations.IDENTIFIER_SYSTEM, pending).stream()).keySet())
				.contains(versioned(patient.observationId(1, "pao2-h6")));
	}

	/** The union of several searches, which may find a resource twice. */
	private static Map<String, IBaseResource> byVersionedIdOnce(Stream<IBaseResource> resources) {
		return resources.collect(Collectors.toMap(r -> r.getIdElement().toUnqualified().getValue(),
				Function.identity(), (found, foundAgain) -> found));
	}

	private static String versioned(String observationId) {
		return "Observation/" + observationId + "/_history/1";
	}

	private SearchParameterMap notPending(String patientId, Coding exceptTag) {
		return SearchParameterMap.newSynchronous("subject", new ReferenceParam("Patient/" + patientId)).add("_tag",
				new TokenParam(exceptTag.getSystem(), exceptTag.getCode()).setModifier(TokenParamModifier.NOT));
	}

	private List<IBaseResource> search(String type, SearchParameterMap map) {
		return daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}

	private List<IBaseResource> hapiSearch(String type, String patientId, Coding exceptTag) {
		SearchParameterMap map = SearchParameterMap.newSynchronous("subject", new ReferenceParam("Patient/" + patientId))
				.add("_tag", new TokenParam(exceptTag.getSystem(), exceptTag.getCode())
						.setModifier(TokenParamModifier.NOT));
		return daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}

	private static Map<String, IBaseResource> byVersionedId(Stream<IBaseResource> resources) {
		return resources.collect(Collectors.toMap(r -> r.getIdElement().toUnqualified().getValue(),
				Function.identity()));
	}

	/** The resource as stored, without meta (which HAPI keeps in other tables than the JSON). */
	private String content(IBaseResource resource) {
		Resource copy = ((Resource) resource).copy();
		copy.setMeta(new Meta());
		copy.setIdElement(null);
		return fhirContext.newJsonParser().encodeResourceToString(copy);
	}
}
