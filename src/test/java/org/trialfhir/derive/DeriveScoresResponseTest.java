package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class DeriveScoresResponseTest {

	@Test
	void aCollectionOfTheObservationsInTheirOrderEachWithItsFullUrlOnThisServer() {
		Observation first = new Observation();
		first.setId("Observation/sofa-7/_history/2");
		Observation second = new Observation();
		second.setId("apache-3");

		Bundle bundle = DeriveScoresResponse.render(List.of(first, second), "http://localhost:8080/fhir");

		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).containsExactly(
				"http://localhost:8080/fhir/Observation/sofa-7", "http://localhost:8080/fhir/Observation/apache-3");
		assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getResource)
				.containsExactly(first, second);
	}

	@Test
	void nothingDerivedIsAnEmptyCollection() {
		Bundle bundle = DeriveScoresResponse.render(List.of(), "http://localhost:8080/fhir");
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(bundle.getEntry()).isEmpty();
	}
}
