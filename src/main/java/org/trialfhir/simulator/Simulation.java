package org.trialfhir.simulator;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs a simulation into {@code options.out()}:
 * <pre>
 *   00-setup.json          transaction: site Organizations, the ResearchStudy, Patients, ResearchSubjects
 *   sim-p0001.json …       one transaction per subject with its clinical resources
 *   ndjson/&lt;Type&gt;.ndjson   the same resources, one file per type (format ndjson or both)
 * </pre>
 * Subjects are produced one at a time from the seed and their index; only counters outlive a subject.
 */
final class Simulation {
	static final String SETUP_FILE = "00-setup.json";
	static final String NDJSON_DIR = "ndjson";

	private final SimulationOptions options;
	private final IParser parser;
	private final SubjectFactory subjects;
	private final Counter counter = new Counter();

	Simulation(SimulationOptions options, FhirContext context) {
		this.options = options;
		this.parser = context.newJsonParser();
		this.subjects = new SubjectFactory(options);
	}

	Summary run() {
		Path out = options.out();
		try {
			Files.createDirectories(out);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try (NdjsonWriter ndjson = new NdjsonWriter(out.resolve(NDJSON_DIR), parser)) {
			ResourceSink bulk = options.writesNdjson() ? ndjson : ResourceSink.NONE;
			try (TransactionBundleWriter setup = bundle(out.resolve(SETUP_FILE))) {
				ResourceSink sink = sink(setup, bulk);
				Site.first(options.sites()).forEach(site -> sink.accept(SetupResources.organization(site)));
				sink.accept(SetupResources.schedule());
				sink.accept(SetupResources.study(options));
				for (int i = 0; i < options.subjects(); i++) {
					sink.accept(SetupResources.patient(subjects.create(i)));
				}
				for (int i = 0; i < options.subjects(); i++) {
					SubjectProfile subject = subjects.create(i);
					counter.enrolled(subject);
					sink.accept(SetupResources.researchSubject(subject));
				}
			}
			for (int i = 0; i < options.subjects(); i++) {
				SubjectProfile subject = subjects.create(i);
				try (TransactionBundleWriter bundle = bundle(out.resolve(subject.patientId() + ".json"))) {
					new ClinicalGenerator(subject, options.days(), options.seed())
							.generate(new FhirEvents(subject, sink(bundle, bulk)));
				}
			}
		}
		return counter.summary();
	}

	private TransactionBundleWriter bundle(Path file) {
		return options.writesBundles() ? new TransactionBundleWriter(file, parser) : null;
	}

	private ResourceSink sink(TransactionBundleWriter bundle, ResourceSink bulk) {
		ResourceSink counted = resource -> counter.resource(resource);
		ResourceSink withBulk = ResourceSink.both(counted, bulk);
		return bundle == null ? withBulk : ResourceSink.both(withBulk, bundle);
	}

	/** What was written, for the command's closing line. */
	record Summary(int subjects, int treatment, int control, int deaths28, long resources) {
	}

	private static final class Counter {
		private int subjects;
		private int treatment;
		private int deaths;
		private long resources;

		void enrolled(SubjectProfile subject) {
			subjects++;
			treatment += subject.arm() == Arm.RTM ? 1 : 0;
			deaths += subject.dies() ? 1 : 0;
		}

		void resource(Resource resource) {
			resources++;
		}

		Summary summary() {
			return new Summary(subjects, treatment, subjects - treatment, deaths, resources);
		}
	}
}
