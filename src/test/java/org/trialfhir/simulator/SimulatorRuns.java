package org.trialfhir.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: run the command into a directory and list what it wrote. */
final class SimulatorRuns {
	private SimulatorRuns() {
	}

	static Path run(Path out, String... args) {
		String[] all = Stream.concat(Stream.of("--out", out.toString()), Stream.of(args)).toArray(String[]::new);
		int code = SimulateCommand.run(all);
		if (code != 0) {
			throw new AssertionError("simulate exited " + code);
		}
		return out;
	}

	/** Relative paths of every file under {@code dir}, sorted. */
	static List<Path> files(Path dir) {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
