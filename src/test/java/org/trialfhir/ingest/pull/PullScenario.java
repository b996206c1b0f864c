package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.EnrolledSubjects;

/**
 * The common setting of the pull tests: subjects newly enrolled in our server (MRNs of a system of their own), a fake
 * hospital holding their charts (HospitalFixtures) and a bystander's, and a search-mode source registered for it.
 */
final class PullScenario implements AutoCloseable {

	final FakeHospital hospital = FakeHospital.start();
	final String mrnSystem = EnrolledSubjects.newMrnSystem();
	final List<EnrolledSubjects.Subject> subjects;
	/** Per subject, the hospital ids of the heart-rate readings, oldest first. */
	final List<List<String>> heartRates = new ArrayList<>();
	private final EhrSources sources;
	private EhrSource source;

	PullScenario(IGenericClient fhir, EhrSources sources, String sourcePrefix, int subjectCount, Instant t0) {
		this.sources = sources;
		this.subjects = EnrolledSubjects.on(fhir).mrnSystem(mrnSystem).t0(t0).enrol(subjectCount);
		for (EnrolledSubjects.Subject subject : subjects) {
			heartRates.add(HospitalFixtures.chart(hospital, mrnSystem, subject.mrn(), t0));
		}
		HospitalFixtures.bystander(hospital, mrnSystem, t0);
		register(PullTesting.searchSource(sourcePrefix + "-" + UUID.randomUUID(), hospital, mrnSystem));
	}

	EhrSource source() {
		return source;
	}

	/** Replaces the source's configuration (same name). */
	void register(EhrSource replacement) {
		source = replacement;
		sources.register(replacement);
	}

	@Override
	public void close() {
		sources.remove(source.name());
		hospital.close();
	}
}
