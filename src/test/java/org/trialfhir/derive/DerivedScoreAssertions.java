package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/** Reading a derived score Observation in the derivation ITs. */
final class DerivedScoreAssertions {

	private DerivedScoreAssertions() {}

	static Observation.ObservationComponentComponent component(Observation o, String code) {
		return o.getComponent().stream().filter(c -> c.getCode().getCodingFirstRep().getCode().equals(code))
				.findFirst().orElseThrow(() -> new AssertionError("no component " + code));
	}

	static void assertAbsent(Observation.ObservationComponentComponent c) {
		assertThat(c.hasValue()).isFalse();
		assertThat(c.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
	}

	static List<String> references(List<Reference> references) {
		return references.stream().map(Reference::getReference).toList();
	}
}
