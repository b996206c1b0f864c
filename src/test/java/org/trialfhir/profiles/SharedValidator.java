package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** One TrialValidator for every test class in this JVM, built the way the server builds it. */
final class SharedValidator {

	static final FhirContext CTX = FhirContext.forR4Cached();
	static final TrialValidator VALIDATOR = new TrialValidator(CTX);

	private SharedValidator() {}

	static IBaseResource read(Path file) {
		try {
			return CTX.newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<Path> jsonFiles(String folder) {
		try (Stream<Path> files = Files.list(Path.of(folder))) {
			return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
