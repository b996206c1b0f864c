package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 subjects must stream: the run is forked into a JVM with a 128 MB heap. Holding the output in memory
 * would not fit (≈ 110,000 resources; a parsed HAPI Observation alone takes a few kB), so finishing at all
 * shows that memory does not grow with the number of subjects. No timing is asserted.
 */
class ScaleTest {
	@TempDir
	Path out;

	@Test
	void thousandSubjectsStreamInASmallHeap() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				SimulateCommand.class.getName(), "--subjects", "1000", "--days", "2", "--seed", "5", "--format", "both",
				"--out", out.toString())
				.redirectErrorStream(true)
				.redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile())
				.start();
		assertThat(process.waitFor(20, TimeUnit.MINUTES)).as("finished").isTrue();
		String log = Files.readString(out.resolveSibling(out.getFileName() + ".log"));
		assertThat(process.exitValue()).as(log).isZero();

		assertThat(Files.exists(out.resolve("sim-p1000.json"))).isTrue();
		assertThat(SimulatorRuns.files(out).stream().filter(p -> p.getFileName().toString().startsWith("sim-p")))
				.hasSize(1000);
		try (var patients = Files.lines(out.resolve("ndjson/Patient.ndjson"))) {
			assertThat(patients.count()).isEqualTo(1000);
		}
		assertThat(log).contains("1000 subjects");
	}
}
