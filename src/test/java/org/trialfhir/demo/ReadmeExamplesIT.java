package org.trialfhir.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.trialfhir.adjudication.AdjudicationTags;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Every curl example of README.md, run as written by bash against the real server loaded with the demo trial: only
 * the port and the {@code <id>} (a patient) and {@code <pending-id>} (a pulled value pending adjudication)
 * placeholders are substituted. Each example runs after the README's token command.
 */
@TrialFhirServerTest
class ReadmeExamplesIT {

	static final Path README = Path.of("README.md");
	static final Pattern FENCED_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
	static final Pattern CURL_CALL = Pattern.compile("(^|[\\s(;|&])curl\\s", Pattern.MULTILINE);
	static final Pattern REPORTED_STATUS = Pattern.compile("^HTTP_STATUS (\\d{3})$", Pattern.MULTILINE);
	/** Every curl call fails on a 4xx or 5xx and reports its status on stderr: each call of an example is checked. */
	static final String PRELUDE = """
			set -euo pipefail
			curl() {
				command curl --silent --show-error --fail-with-body \\
					--write-out '%{stderr}HTTP_STATUS %{http_code}\\n' "$@"
			}
			""";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DaoRegistry daos;

	@TempDir
	Path workDir;

	/** A value as a source with adjudication required leaves it, for the {@code <pending-id>} placeholder. */
	String pendingId;

	@TestFactory
	Stream<DynamicTest> everyCurlExampleAnswers2xx() throws Exception {
		DemoTrial.load(context);
		String patientId = FhirTestClient.fhir(port).create()
				.resource(TrialFixtures.patient("readme-" + System.nanoTime(), LocalDate.of(1958, 3, 14)))
				.execute().getId().getIdPart();
		Observation pending = TrialFixtures.lab("Patient/" + patientId, "777-3", 8.5, "10*4/uL",
				Instant.parse("2026-01-05T10:00:00Z"));
		pending.setStatus(Observation.ObservationStatus.PRELIMINARY);
		pending.getMeta().addTag(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		pendingId = daos.getResourceDao(Observation.class).create(pending, new SystemRequestDetails()).getId()
				.getIdPart();

		List<String> blocks = curlBlocks(Files.readString(README));
		String tokenCommand = blocks.stream().filter(block -> block.startsWith("TOKEN=")).findFirst().orElseThrow();
		List<String> examples = blocks.stream().filter(block -> !block.equals(tokenCommand)).toList();
		assertThat(examples).as("curl examples in README.md").hasSizeGreaterThanOrEqualTo(4);

		Stream<DynamicTest> token = Stream.of(DynamicTest.dynamicTest("token command",
				() -> run(tokenCommand, "test -n \"$TOKEN\"", patientId)));
		Stream<DynamicTest> each = examples.stream().map(example -> DynamicTest.dynamicTest(
				example.lines().findFirst().orElseThrow(), () -> run(tokenCommand, example, patientId)));
		return Stream.concat(token, each);
	}

	private void run(String tokenCommand, String example, String patientId) throws Exception {
		String script = (PRELUDE + tokenCommand + "\n" + example)
				.replace("http://localhost:8080", "http://localhost:" + port)
				.replace("<id>", patientId)
				.replace("<pending-id>", pendingId);
		File out = workDir.resolve("stdout").toFile();
		File err = workDir.resolve("stderr").toFile();
		Process bash = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile())
				.redirectOutput(out).redirectError(err).start();
		assertThat(bash.waitFor(5, TimeUnit.MINUTES)).as("bash finished").isTrue();
		String stderr = Files.readString(err.toPath());
		String stdout = Files.readString(out.toPath());

		assertThat(bash.exitValue()).as("exit status of%n%s%nstderr: %s%nstdout: %s", example, stderr, stdout).isZero();
		List<Integer> statuses = new ArrayList<>();
		Matcher reported = REPORTED_STATUS.matcher(stderr);
		while (reported.find()) {
			statuses.add(Integer.parseInt(reported.group(1)));
		}
		assertThat(statuses).as("HTTP status of each curl call").hasSize(curlCalls(tokenCommand + "\n" + example))
				.allSatisfy(status -> assertThat(status).isBetween(200, 299));
	}

	static List<String> curlBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher block = FENCED_BLOCK.matcher(markdown);
		while (block.find()) {
			if (CURL_CALL.matcher(block.group(1)).find()) {
				blocks.add(block.group(1));
			}
		}
		return blocks;
	}

	private static int curlCalls(String commands) {
		return (int) CURL_CALL.matcher(commands).results().count();
	}
}
