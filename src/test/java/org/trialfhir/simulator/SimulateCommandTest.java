package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
	@TempDir
	Path tmp;

	@Test
	void parsesEveryOption() {
		SimulationOptions options = SimulationOptions.parse("--subjects", "7", "--days", "3", "--seed", "9", "--out",
				"x", "--format", "both", "--start", "2026-02-01T00:00:00Z", "--sites", "2", "--ratio", "1:2");
		assertThat(options).isEqualTo(new SimulationOptions(7, 3, 9, Path.of("x"), SimulationOptions.Format.BOTH,
				Instant.parse("2026-02-01T00:00:00Z"), 2, 1, 2));
	}

	@Test
	void rejectsBadArguments() {
		assertThat(SimulateCommand.run("--subjects", "0", "--out", tmp.toString())).isEqualTo(2);
		assertThat(SimulateCommand.run("--days", "3")).as("no --out").isEqualTo(2);
		assertThat(SimulateCommand.run("--out", tmp.toString(), "--sites", "4")).isEqualTo(2);
		assertThat(SimulateCommand.run("--out", tmp.toString(), "--bogus", "1")).isEqualTo(2);
		assertThat(SimulateCommand.run()).isEqualTo(2);
		assertThatThrownBy(() -> SimulationOptions.parse("--out", "x", "--ratio", "3")).hasMessageContaining("ratio");
	}

	@Test
	void ndjsonFormatWritesOneFilePerTypeAndNoBundles() {
		SimulatorRuns.run(tmp, "--subjects", "10", "--days", "2", "--format", "ndjson", "--ratio", "1:1", "--sites", "1");
		assertThat(SimulatorRuns.files(tmp)).allMatch(p -> p.startsWith("ndjson"))
				.contains(Path.of("ndjson/Patient.ndjson"), Path.of("ndjson/ResearchSubject.ndjson"),
						Path.of("ndjson/Observation.ndjson"), Path.of("ndjson/Organization.ndjson"));
		assertThat(SimulatorRuns.lines(tmp.resolve("ndjson/Patient.ndjson"))).hasSize(10);
		assertThat(SimulatorRuns.lines(tmp.resolve("ndjson/Organization.ndjson"))).hasSize(1)
				.allMatch(line -> line.contains("\"site-jp\""));
		long rtm = SimulatorRuns.lines(tmp.resolve("ndjson/ResearchSubject.ndjson")).stream()
				.filter(line -> line.contains("\"assignedArm\":\"rTM\"")).count();
		assertThat(rtm).as("1:1 in blocks of two").isEqualTo(5);
	}

	@Test
	void japaneseSiteReportsPlateletsPer10e4AndAxillaryTemperature() {
		SimulatorRuns.run(tmp, "--subjects", "1", "--days", "1", "--sites", "1", "--format", "ndjson");
		assertThat(SimulatorRuns.lines(tmp.resolve("ndjson/Observation.ndjson")))
				.anyMatch(line -> line.contains("\"code\":\"777-3\"") && line.contains("\"code\":\"10*4/uL\""))
				.anyMatch(line -> line.contains("\"code\":\"8328-7\"") && line.contains("\"code\":\"Cel\""))
				.anyMatch(line -> line.contains("\"code\":\"2160-0\"") && line.contains("\"code\":\"mg/dL\""));
		assertThat(Files.exists(tmp.resolve("00-setup.json"))).isFalse();
	}
}
