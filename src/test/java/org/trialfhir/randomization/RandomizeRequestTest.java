package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

class RandomizeRequestTest {

	static final IdType STUDY = new IdType("ResearchStudy/s1");

	@Test
	void readsSubjectAndStratumFactors() {
		RandomizeRequest request = RandomizeRequest.from(STUDY, new Reference("Patient/p1"), new StringType(" site-a "),
				new IntegerType(6));
		assertThat(request).isEqualTo(new RandomizeRequest("s1", "p1", "site-a", 6));
		assertThat(RandomizeRequest.from(STUDY, new Reference("Patient/p1"), null, null))
				.isEqualTo(new RandomizeRequest("s1", "p1", null, null));
	}

	@Test
	void refusesWhatIsNotALocalPatientOrAJaamScore() {
		assertInvalid(() -> RandomizeRequest.from(STUDY, null, null, null), "subject");
		assertInvalid(() -> RandomizeRequest.from(STUDY, new Reference("Group/g1"), null, null), "subject");
		assertInvalid(() -> RandomizeRequest.from(STUDY, new Reference("http://other.example/fhir/Patient/p1"), null,
				null), "subject");
		assertInvalid(() -> RandomizeRequest.from(STUDY, new Reference("Patient/p1"), null, new IntegerType(9)),
				"baseline-jaam"); // JAAM DIC maximum is 8
		assertInvalid(() -> RandomizeRequest.from(STUDY, new Reference("Patient/p1"), null, new IntegerType(-1)),
				"baseline-jaam");
		assertInvalid(() -> RandomizeRequest.from(STUDY, new Reference("Patient/p1"), new StringType("  "), null),
				"site");
	}

	private static void assertInvalid(Runnable call, String parameter) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(TrialFhirException.class, e -> {
			assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
			assertThat(e.location()).isEqualTo("Parameters.parameter.where(name = '" + parameter + "')");
		});
	}
}
