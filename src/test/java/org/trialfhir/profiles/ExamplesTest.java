package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialfhir.profiles.TrialValidationResult.Issue;

/**
 * The example folders: every file in valid/ validates against the profile it claims, and every file in invalid/ fails
 * exactly where invalid/expected-errors.tsv says (location, and a fragment of the message).
 */
class ExamplesTest {

	static final String VALID = "src/test/resources/valid";
	static final String INVALID = "src/test/resources/invalid";

	record Expected(String file, String location, String message) {}

	static List<Path> validFiles() {
		return SharedValidator.jsonFiles(VALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validFiles")
	void validExampleHasNoErrors(Path file) {
		IBaseResource resource = SharedValidator.read(file);
		assertThat(claimedProfiles(resource)).as("claims a trial profile").anyMatch(p -> p.startsWith(TrialCanonicals.SD));

		assertThat(VALIDATOR.validate(resource).errors()).isEmpty();
	}

	@Test
	void theValidExamplesStayValidWhenTwoThreadsValidateThemAtOnce() throws Exception {
		// the server validates concurrent requests on one TrialValidator: its cached chain is shared between threads
		List<IBaseResource> examples = validFiles().stream().map(SharedValidator::read).toList();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<String>>> threads = pool.invokeAll(Collections.nCopies(2, () -> {
				List<String> errors = new ArrayList<>();
				for (int round = 0; round < 3; round++) {
					for (IBaseResource example : examples) {
						VALIDATOR.validate(example).errors().forEach(e -> errors.add(e.location() + ": " + e.message()));
					}
				}
				return errors;
			}));
			for (Future<List<String>> thread : threads) {
				assertThat(thread.get()).isEmpty();
			}
		} finally {
			pool.shutdown();
		}
	}

	@Test
	void everyTrialResourceProfileHasAValidExample() {
		Set<String> claimed = validFiles().stream().map(SharedValidator::read)
				.flatMap(r -> claimedProfiles(r).stream()).collect(Collectors.toSet());
		assertThat(claimed).containsAll(List.of(TrialCanonicals.TRIAL_RESEARCH_STUDY, TrialCanonicals.TRIAL_RESEARCH_SUBJECT,
				TrialCanonicals.TRIAL_PATIENT, TrialCanonicals.TRIAL_VITAL_SIGN, TrialCanonicals.TRIAL_LAB_RESULT,
				TrialCanonicals.TRIAL_DERIVED_SCORE, TrialCanonicals.TRIAL_ECRF_ITEM));
	}

	static Stream<Arguments> invalidExamples() throws IOException {
		return expectations().values().stream().map(e -> Arguments.of(e.file(), e));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidExamples")
	void invalidExampleFailsAtTheExpectedLocation(String file, Expected expected) {
		IBaseResource resource = SharedValidator.read(Path.of(INVALID, file));
		assertThat(claimedProfiles(resource)).as("claims a trial profile").isNotEmpty();

		List<Issue> errors = VALIDATOR.validate(resource).errors();

		assertThat(errors).as("an error at %s mentioning \"%s\"", expected.location(), expected.message())
				.anyMatch(e -> expected.location().equals(e.location()) && e.message().contains(expected.message()));
		assertThat(errors).as("every error lies at or below %s", expected.location())
				.allMatch(e -> within(e.location(), expected.location()));
	}

	@Test
	void everyInvalidExampleHasAnExpectationAndViceVersa() throws IOException {
		Set<String> files = SharedValidator.jsonFiles(INVALID).stream()
				.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
		assertThat(expectations().keySet()).containsExactlyInAnyOrderElementsOf(files);
	}

	private static boolean within(String location, String expected) {
		return location != null && (location.equals(expected) || location.startsWith(expected + ".")
				|| location.startsWith(expected + "["));
	}

	private static List<String> claimedProfiles(IBaseResource resource) {
		return resource.getMeta().getProfile().stream().map(p -> p.getValue()).toList();
	}

	static Map<String, Expected> expectations() throws IOException {
		try (Stream<String> lines = Files.lines(Path.of(INVALID, "expected-errors.tsv"))) {
			return lines.filter(l -> !l.isBlank() && !l.startsWith("#"))
					.map(l -> l.split("\t"))
					.map(f -> new Expected(f[0], f[1], f[2]))
					.collect(Collectors.toMap(Expected::file, Function.identity()));
		}
	}
}
