package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * A measurement, not a test: it asserts nothing, is not picked up by the build's name patterns, and runs only when
 * asked: {@code mvn -o verify -Dtrialfhir.measure=true -Dit.test=PullThroughputMeasurement -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints Observations per second for a first pull, a repeated pull, and, as the baseline of the same run, the same
 * Observations pushed in transaction bundles with and without identifiers.
 */
@TrialFhirServerTest
@EnabledIfSystemProperty(named = "trialfhir.measure", matches = "true")
class PullThroughputMeasurement {

	static final int N = 1000;
	static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	@Test
	void measure() {
		IGenericClient fhir = FhirTestClient.fhir(port);
		String mrnSystem = EnrolledSubjects.newMrnSystem();
		EnrolledSubjects.Subject subject = EnrolledSubjects.on(fhir).mrnSystem(mrnSystem).t0(T0).enrol(1).get(0);
		try (FakeHospital hospital = FakeHospital.start()) {
			String patient = "Patient/" + hospital.data.addPatient(mrnSystem, subject.mrn());
			for (int i = 0; i < N; i++) {
				hospital.data.addObservation(HospitalFixtures.vital(patient, "8867-4", 60 + i % 60, "/min",
						T0.plus(Duration.ofMinutes(5L * i))));
			}
			EhrSource source = new EhrSource("measure-" + UUID.randomUUID(), java.net.URI.create(hospital.baseUrl()),
					mrnSystem, null, null, 200, Duration.ofSeconds(60), null, null, null, null);
			sources.register(source);
			report("pull, first (creates)", N, () -> PullTesting.pull(port, source.name()));
			report("pull, nothing new (the cursor refetches 1)", 1, () -> PullTesting.pull(port, source.name()));
			hospital.data.observations().forEach(o -> hospital.data.updateObservation(o.getIdElement().getIdPart(),
					changed -> changed.getValueQuantity().setValue(changed.getValueQuantity().getValue().add(
							java.math.BigDecimal.ONE))));
			report("pull, every resource changed (updates)", N, () -> PullTesting.pull(port, source.name()));
			sources.remove(source.name());
		}
		report("baseline: transactions of 100 keyed Observations (conditional PUT)", N,
				() -> push(fhir, subject.patient(), true));
		report("baseline: transactions of 100 Observations without identifier (plain POST)", N,
				() -> push(fhir, subject.patient(), false));
	}

	private static void push(IGenericClient fhir, String patient, boolean keyed) {
		String tag = UUID.randomUUID().toString();
		for (int batch = 0; batch < N / 100; batch++) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = 0; i < 100; i++) {
				Observation o = HospitalFixtures.vital(patient, "8867-4", 70, "/min", T0.plus(Duration.ofMinutes(i)));
				if (keyed) {
					o.addIdentifier(new Identifier().setSystem("urn:measure:" + tag).setValue(batch + "-" + i));
				}
				bundle.addEntry().setResource(o).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			fhir.transaction().withBundle(bundle).execute();
		}
	}

	private static void report(String what, int count, Runnable action) {
		long start = System.nanoTime();
		action.run();
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(java.util.Locale.ROOT, "MEASURE %-75s %5d in %6.1f s = %6.1f Observations/s%n", what,
				count, seconds, count / seconds);
	}
}
