package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in fhir-examples/ (single resources and every entry of the demo trial's bundles) validates. */
class FhirExamplesTest {

	static Stream<Path> examples() {
		return Stream.concat(SharedValidator.jsonFiles("fhir-examples").stream(),
				SharedValidator.jsonFiles("fhir-examples/demo").stream());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void validatesAgainstItsProfiles(Path file) {
		IBaseResource read = SharedValidator.read(file);
		List<IBaseResource> resources = new ArrayList<>();
		if (read instanceof Bundle bundle) {
			bundle.getEntry().forEach(entry -> resources.add(entry.getResource()));
		} else {
			resources.add(read);
		}
		for (IBaseResource resource : resources) {
			// every demo Observation belongs to an enrolled subject, so it is held to the profile its code calls for
			TrialValidationResult result = resource instanceof Observation observation
					? SharedValidator.VALIDATOR.validateEnrolledObservation(observation)
					: SharedValidator.VALIDATOR.validate(resource);
			assertThat(result.errors()).as("%s %s", file, resource.getIdElement().getValue()).isEmpty();
		}
	}
}
