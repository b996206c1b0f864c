package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.trialfhir.simulator.SimulateCommand;

/**
 * A simulated trial, as the simulator writes it, with its ids ({@code sim-…}) renamed to {@code <prefix>…}: two
 * copies of one trial with different prefixes can live side by side in one server (and beside the demo trial).
 */
record SimulatedTrial(Map<String, String> ndjsonByType, List<String> bundles) {

	static SimulatedTrial generate(Path dir, String prefix, String... simulatorArguments) {
		try {
			Path out = dir.resolve(prefix);
			String[] arguments = Stream.concat(Stream.of("--out", out.toString(), "--format", "both"),
					Stream.of(simulatorArguments)).toArray(String[]::new);
			assertThat(SimulateCommand.run(arguments)).isZero();
			Map<String, String> ndjson = new LinkedHashMap<>();
			try (Stream<Path> files = Files.list(out.resolve("ndjson"))) {
				for (Path file : files.sorted().toList()) {
					ndjson.put(file.getFileName().toString().replace(".ndjson", ""), renamed(file, prefix));
				}
			}
			List<String> bundles;
			try (Stream<Path> files = Files.list(out)) {
				bundles = files.filter(file -> file.toString().endsWith(".json")).sorted()
						.map(file -> renamed(file, prefix)).toList();
			}
			return new SimulatedTrial(ndjson, bundles);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String renamed(Path file, String prefix) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).replace("sim-", prefix);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** All resources, one per line, in the simulator's file order (Observations before their Patients). */
	String allNdjson() {
		return String.join("", ndjsonByType.values());
	}

	int resources() {
		return (int) ndjsonByType.values().stream().flatMap(String::lines).filter(line -> !line.isBlank()).count();
	}
}
