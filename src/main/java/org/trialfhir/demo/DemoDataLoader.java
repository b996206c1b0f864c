package org.trialfhir.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.trialfhir.bulkimport.ServerImports;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.security.Grants;
import org.trialfhir.simulator.SimulateCommand;

/**
 * Loads the demo trial when {@code trialfhir.demo.load=true}: simulates it from its seed ({@link DemoDataProperties},
 * the pilot's size by default), imports the simulator's NDJSON through {@code $import} as a client's import would be
 * (validation, keys, study days, audit), derives every score of every subject, then loads a second, blinded study
 * ({@link #BLINDED_STUDY}) and the patients in screening, stamped relative to now ({@link ScreeningPatients}). It runs
 * on a thread of its own after the start; {@link DemoHealthIndicator} keeps {@code /actuator/health} from saying UP before
 * it is done. A start that finds the same trial imported to the end before (a completed import job of the same NDJSON
 * by the same owner) imports nothing again.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "trialfhir.demo.load", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	/** A second, blinded study with a few subjects, so that the demo shows what a blinded user sees. */
	static final String BLINDED_STUDY = "demo/blinded-study.json";

	static final String STUDY = "sim-study";

	/** Who imports the demo: the job's owner in its AuditEvent, with the scopes to write the trial (arms included). */
	static final CurrentToken OWNER = new CurrentToken("trialfhir-demo-loader", null,
			Grants.of(List.of("system/*.cu", Grants.UNBLINDED)));

	private final FhirContext fhirContext;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final ServerImports imports;
	private final Enrolments enrolments;
	private final PendingDerivations derivations;
	private final DemoHealthIndicator readiness;
	private final DemoDataProperties properties;
	/** The demo trial's NDJSON, simulated on a thread of its own from the moment this bean exists. */
	private final CompletableFuture<String> simulated;

	DemoDataLoader(FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao, ServerImports imports,
			Enrolments enrolments, PendingDerivations derivations, DemoHealthIndicator readiness,
			DemoDataProperties properties) {
		this.fhirContext = fhirContext;
		this.systemDao = systemDao;
		this.imports = imports;
		this.enrolments = enrolments;
		this.derivations = derivations;
		this.readiness = readiness;
		this.properties = properties;
		// pure computation (a few CPU-seconds): done while the rest of the server starts, on a core the start leaves idle
		this.simulated = CompletableFuture.supplyAsync(() -> {
			try {
				return simulate();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, task -> {
			Thread thread = new Thread(task, "trialfhir-demo-simulate");
			thread.setDaemon(true);
			thread.start();
		});
	}

	/** Starts the load on a thread of its own: the server answers (and its health says why not UP) meanwhile. */
	@Override
	public void run(ApplicationArguments args) {
		Thread thread = new Thread(() -> {
			try {
				load();
			} catch (InterruptedException stopping) {
				Thread.currentThread().interrupt();
			} catch (PendingDerivations.Unsettled stuck) {
				readiness.failed("the scores of the demo trial could not all be derived: " + stuck.getMessage(),
						stuck.patientIds().stream().map(id -> "Patient/" + id).toList());
				log.error("The demo trial's scores could not all be derived", stuck);
			} catch (RuntimeException | IOException failure) {
				readiness.failed("the demo trial could not be loaded: " + failure.getMessage());
				log.error("The demo trial could not be loaded", failure);
			}
		}, "trialfhir-demo-load");
		thread.setDaemon(true);
		thread.start();
	}

	/** Loads the demo trial, returning when it is imported and derived. */
	void load() throws IOException, InterruptedException {
		readiness.loading("simulating the demo trial");
		String ndjson = awaitSimulation();
		long lines = ndjson.lines().filter(line -> !line.isBlank()).count();
		if (imports.completedBefore(ndjson, OWNER)) {
			log.info("Demo trial: the same {} resources were imported at an earlier start; nothing imported", lines);
		} else {
			UUID job = imports.start(ndjson, OWNER);
			readiness.loading("importing the demo trial (" + lines + " resources, $import job " + job + ")",
					() -> progress(job));
			ServerImports.Outcome outcome = imports.await(job, OWNER, Duration.ofMillis(250));
			if (!outcome.completed() || outcome.linesNotWritten() > 0) {
				throw new IllegalStateException("import job " + job + " " + (outcome.completed()
						? "did not write " + outcome.linesNotWritten() + " lines (see its report)"
						: "failed: " + outcome.failure()));
			}
			log.info("Demo trial: {} resources imported by job {} (created {}, updated {})", lines, job,
					outcome.created(), outcome.updated());
		}
		// the import queued every patient for derivation, released when the job ended: derived here, in parallel and
		// once; also at a later start, when a start stopped after the import and before the derivation left rows
		readiness.loading("deriving the scores of the demo trial");
		List<String> patients = enrolments.ofStudy(STUDY).stream().map(Enrolment::patientId)
				.filter(Objects::nonNull).distinct().toList();
		List<String> notes = derivations.settle(patients);
		notes.forEach(note -> log.warn("Demo trial: {}", note));
		loadCompanions();
		String summary = "demo trial loaded: " + lines + " resources, the scores of " + patients.size() + " patients "
				+ (notes.isEmpty() ? "derived" : "derived but " + notes.size() + " (see the log)");
		readiness.ready(summary);
		log.info("Demo trial: {}; {} screening patients eligible now", summary, ScreeningPatients.ELIGIBLE.size());
	}

	/** The blinded companion study and the screening patients, by transaction (PUT by id). */
	private void loadCompanions() throws IOException {
		try (InputStream in = new ClassPathResource(BLINDED_STUDY).getInputStream()) {
			systemDao.transaction(new SystemRequestDetails(), fhirContext.newJsonParser().parseResource(Bundle.class, in));
		}
		systemDao.transaction(new SystemRequestDetails(), ScreeningPatients.at(Instant.now()));
	}

	private String awaitSimulation() {
		try {
			return simulated.join();
		} catch (CompletionException failed) {
			throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
		}
	}

	/** The simulator's NDJSON files of the demo trial, concatenated (the import orders the types itself). */
	private String simulate() throws IOException {
		Path dir = Files.createTempDirectory("trialfhir-demo");
		try {
			Path ndjson = SimulateCommand.writeNdjson(dir, properties.simulatorArguments());
			StringBuilder all = new StringBuilder();
			try (Stream<Path> files = Files.list(ndjson)) {
				for (Path file : files.sorted().toList()) {
					all.append(Files.readString(file, StandardCharsets.UTF_8));
				}
			}
			return all.toString();
		} finally {
			try (Stream<Path> walk = Files.walk(dir)) {
				walk.sorted(Comparator.reverseOrder()).forEach(DemoDataLoader::delete);
			}
		}
	}

	private String progress(UUID job) {
		try {
			return imports.progress(job, OWNER);
		} catch (RuntimeException unknown) { // the database's own health component reports why
			return null;
		}
	}

	private static void delete(Path path) {
		try {
			Files.delete(path);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
