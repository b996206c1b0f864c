package org.trialfhir.simulator;

import ca.uhn.fhir.context.FhirContext;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * {@code simulate}: writes a synthetic rTM-versus-control septic-DIC trial as FHIR R4 transaction bundles
 * and/or NDJSON. Usage in {@link SimulationOptions#USAGE}; layout in {@link Simulation}; model in
 * docs/simulator.md. The same arguments always give byte-identical files.
 */
public final class SimulateCommand {

	private SimulateCommand() {
	}

	/**
	 * Runs the command.
	 *
	 * @return 0 on success, 2 for bad arguments (usage printed), 1 when the output cannot be written
	 */
	public static int run(String... args) {
		if (args.length == 0 || Arrays.asList(args).contains("--help")) {
			System.out.print(SimulationOptions.USAGE);
			return args.length == 0 ? 2 : 0;
		}
		SimulationOptions options;
		try {
			options = SimulationOptions.parse(args);
		} catch (IllegalArgumentException e) {
			System.err.println("simulate: " + e.getMessage());
			System.err.print(SimulationOptions.USAGE);
			return 2;
		}
		try {
			Simulation.Summary summary = new Simulation(options, FhirContext.forR4Cached()).run();
			System.out.printf("simulate: %d subjects (rTM %d, control %d), %d die within 28 days; %d resources in %s%n",
					summary.subjects(), summary.treatment(), summary.control(), summary.deaths28(), summary.resources(),
					options.out());
			return 0;
		} catch (UncheckedIOException e) {
			System.err.println("simulate: cannot write output: " + e.getCause().getMessage());
			return 1;
		}
	}

	/**
	 * Writes a trial as NDJSON only, without printing: {@code out/ndjson/<Type>.ndjson}, one file per resource type
	 * (for loading a simulated trial in-process, as the demo does). The same arguments give the same files as the
	 * command's {@code --format ndjson}.
	 *
	 * @param arguments the command's options but {@code --out} and {@code --format}
	 * @return the directory of the NDJSON files
	 * @throws IllegalArgumentException for bad arguments
	 */
	public static Path writeNdjson(Path out, String... arguments) {
		String[] all = Stream.concat(Stream.of(arguments), Stream.of("--out", out.toString(), "--format", "ndjson"))
				.toArray(String[]::new);
		new Simulation(SimulationOptions.parse(all), FhirContext.forR4Cached()).run();
		return out.resolve(Simulation.NDJSON_DIR);
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}
}
