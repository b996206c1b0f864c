package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
	@TempDir
	Path tmp;

	@Test
	void sameSeedGivesByteIdenticalFilesInEveryFormat() throws IOException {
		Path first = SimulatorRuns.run(tmp.resolve("a"), "--subjects", "6", "--days", "3", "--seed", "42",
				"--format", "both");
		Path second = SimulatorRuns.run(tmp.resolve("b"), "--subjects", "6", "--days", "3", "--seed", "42",
				"--format", "both");

		assertThat(SimulatorRuns.files(first)).isEqualTo(SimulatorRuns.files(second)).isNotEmpty();
		for (Path file : SimulatorRuns.files(first)) {
			assertThat(Arrays.equals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file))))
					.as(file.toString()).isTrue();
		}
	}

	@Test
	void committedDemoIsWhatTheDocumentedCommandProduces() throws IOException {
		// the command of fhir-examples/README.md; the test runs in the project directory
		Path demo = Path.of("fhir-examples", "demo");
		Path fresh = SimulatorRuns.run(tmp.resolve("demo"), "--subjects", "10", "--days", "3", "--seed", "1",
				"--ratio", "1:1");

		assertThat(SimulatorRuns.files(fresh)).isEqualTo(SimulatorRuns.files(demo));
		for (Path file : SimulatorRuns.files(demo)) {
			assertThat(Files.readString(fresh.resolve(file))).as(file.toString())
					.isEqualTo(Files.readString(demo.resolve(file)));
		}
	}

	@Test
	void anotherSeedGivesOtherData() throws IOException {
		Path first = SimulatorRuns.run(tmp.resolve("a"), "--subjects", "4", "--days", "2", "--seed", "1");
		Path second = SimulatorRuns.run(tmp.resolve("b"), "--subjects", "4", "--days", "2", "--seed", "2");

		assertThat(Files.readString(first.resolve("sim-p0001.json")))
				.isNotEqualTo(Files.readString(second.resolve("sim-p0001.json")));
		assertThat(Files.readString(first.resolve("00-setup.json")))
				.isNotEqualTo(Files.readString(second.resolve("00-setup.json")));
	}

	@Test
	void rngIsSplitMix64() {
		// Reference values of SplitMix64 (Steele, Lea & Flood 2014) from seed 0: the first output is
		// mix64(0x9e3779b97f4a7c15), published e.g. as the first value of Vigna's splitmix64.c test: 0xe220a8397b1dcdaf
		Rng rng = new Rng(0);
		assertThat(rng.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
	}
}
