package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trialfhir.derive.DerivedScoreAssertions.assertAbsent;
import static org.trialfhir.derive.DerivedScoreAssertions.component;
import static org.trialfhir.derive.DerivedScoreAssertions.references;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * The background worker re-derives the scores an input change touches, without a {@code $derive-scores} call, on a
 * fresh copy of {@link SepticDicCase} per test, against the hand-worked {@link SepticDicCaseScores}.
 */
@TrialFhirServerTest
class RederiveOnChangeIT {

	@LocalServerPort
	int port;

	@Test
	void aCorrectedPlateletCountReDerivesItsDayAndTheNextByItself() {
		SepticDicCase patient = push();
		IGenericClient admin = FhirTestClient.fhir(port);
		derive(patient, new Parameters());
		Observation day4 = admin.read().resource(Observation.class).withId(patient.observationId(4, "plt")).execute();
		day4.setStatus(Observation.ObservationStatus.CORRECTED);
		day4.getValueQuantity().setValue(new BigDecimal("18.0"));
		admin.update().resource(day4).execute();

		// d4 SOFA: platelets 180 -> coagulation 0: 1 + 0 + 1 + 0 + 2 + 1 = 5 (was 7)
		Observation sofa4 = awaitDerived(patient, "sofa", 4, o -> o.getValueIntegerType().getValue() == 5);
		assertThat(sofa4.getIdElement().getVersionIdPart()).isNotEqualTo("1");
		// d5 JAAM: 180 (day 4 hour 4) -> 85 (day 5 hour 4) exactly 24 h later = 52.8 % fall >= 50 % -> platelets 3;
		// 0 + 3 + 0 + 1 = 4 -> DIC
		Observation jaam5 = awaitDerived(patient, "jaam-dic", 5, o -> o.getValueIntegerType().getValue() == 4);
		assertThat(component(jaam5, "jaam-dic-platelets").getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(component(jaam5, "jaam-dic-diagnosis").getValueBooleanType().getValue()).isTrue();
	}

	@Test
	void deletingAnInputReDerivesItsDay() {
		SepticDicCase patient = push();
		// pushed as one transaction bundle: derived by the worker without any $derive-scores call (d9 JAAM = 1 above)
		awaitDerived(patient, "jaam-dic", 9, o -> o.getValueIntegerType().getValue() == 1);
		FhirTestClient.fhir(port).delete().resourceById("Observation", patient.observationId(9, "ddimer")).execute();
		// d9 JAAM without the D-dimer: FDP item missing -> 0 + 0 + 0 = 0, max possible 0 + 3 = 3 < 4 -> no DIC
		Observation jaam9 = awaitDerived(patient, "jaam-dic", 9,
				o -> !component(o, "jaam-dic-fdp").hasValue() && o.getValueIntegerType().getValue() == 0);
		assertAbsent(component(jaam9, "jaam-dic-fdp"));
		assertThat(component(jaam9, "jaam-dic-max-possible").getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(references(jaam9.getDerivedFrom())).doesNotContain(
				"Observation/" + patient.observationId(9, "ddimer"));
	}

	private SepticDicCase push() {
		SepticDicCase fresh = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8));
		FhirTestClient.fhir(port).transaction().withBundle(fresh.build()).execute();
		return fresh;
	}

	private void derive(SepticDicCase subject, Parameters parameters) {
		FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", subject.subjectId())).named("$derive-scores")
				.withParameters(parameters).returnResourceType(Bundle.class).execute();
	}

	/** Waits until the stored derived Observation exists and satisfies {@code done} (derivation is asynchronous). */
	private Observation awaitDerived(SepticDicCase subject, String score, int day, Predicate<Observation> done) {
		IGenericClient admin = FhirTestClient.fhir(port);
		String id = DerivedScoreStore.resourceId(DerivedObservations.identifierValue(subject.subjectId(), score, day));
		return await().alias("derived " + score + " of day " + day).atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250)).ignoreException(ResourceNotFoundException.class)
				.until(() -> admin.read().resource(Observation.class).withId(id).execute(), done);
	}
}
