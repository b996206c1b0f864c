package org.trialfhir.ingest.pull;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.ingest.pull.PullCounts.SourceReport;
import org.trialfhir.server.AdvisoryLock;

/**
 * Runs pulls: of every followed subject or of one subject, source after source, each under its lock. The subjects
 * come from {@link Enrolments}, their MRNs from their Patients.
 */
@Component
class PullService {

	private static final Logger log = LoggerFactory.getLogger(PullService.class);
	/** Statuses of a subject whose data is still collected. */
	static final List<String> FOLLOWED = List.of(ResearchSubjectStatus.ONSTUDY.toCode(),
			ResearchSubjectStatus.ONSTUDYINTERVENTION.toCode(), ResearchSubjectStatus.ONSTUDYOBSERVATION.toCode(),
			ResearchSubjectStatus.FOLLOWUP.toCode());

	private final Enrolments enrolments;
	private final IFhirResourceDao<Patient> patients;
	private final SourcePull sourcePull;
	private final PullLock locks;
	private final PullMetrics metrics;

	PullService(Enrolments enrolments, DaoRegistry daos, SourcePull sourcePull, PullLock locks, PullMetrics metrics) {
		this.enrolments = enrolments;
		this.patients = daos.getResourceDao(Patient.class);
		this.sourcePull = sourcePull;
		this.locks = locks;
		this.metrics = metrics;
	}

	List<SourceReport> pullFollowed(List<EhrSource> sources) {
		List<EnrolledSubject> subjects = enrolments.withStatus(FOLLOWED).stream().map(this::withPatient)
				.flatMap(Optional::stream).toList();
		return sources.stream().map(source -> pullLocked(source, subjects)).toList();
	}

	/** One subject, whatever its status. */
	List<SourceReport> pullSubject(String researchSubjectId, List<EhrSource> sources) {
		Enrolment enrolment = enrolments.byId(researchSubjectId).orElseThrow(() ->
				TrialFhirException.notFound("ResearchSubject/" + researchSubjectId + " does not exist"));
		EnrolledSubject subject = withPatient(enrolment).orElseThrow(() -> TrialFhirException.unprocessable(
				"ResearchSubject/" + researchSubjectId + " has no period.start (T0) or no individual: nothing to pull "
						+ "for it yet"));
		return sources.stream()
				.filter(source -> subject.mrn(source.patientIdentifierSystem()).isPresent())
				.map(source -> pullLocked(source, List.of(subject)))
				.toList();
	}

	/** The subject with its Patient's identifiers, when it has a T0 and a Patient that is not deleted. */
	private Optional<EnrolledSubject> withPatient(Enrolment enrolment) {
		if (enrolment.t0() == null || enrolment.patientId() == null) {
			return Optional.empty();
		}
		try {
			Patient patient = patients.read(new IdType(enrolment.patientReference()), new SystemRequestDetails());
			return Optional.of(new EnrolledSubject(enrolment, patient.getIdentifier()));
		} catch (ResourceNotFoundException | ResourceGoneException missing) {
			return Optional.empty(); // a subject whose Patient is gone has nothing to pull
		}
	}

	private SourceReport pullLocked(EhrSource source, List<EnrolledSubject> followed) {
		List<EnrolledSubject> subjects = followed.stream()
				.filter(subject -> subject.mrn(source.patientIdentifierSystem()).isPresent())
				.toList();
		long started = System.nanoTime();
		Optional<AdvisoryLock> lock = locks.tryLock(source.name());
		if (lock.isEmpty()) {
			metrics.run(source.name(), "busy", Duration.ZERO);
			PullCounts busy = new PullCounts(source.name());
			busy.notes.add("another pull of this source is running (this or another server instance); not pulled now");
			return busy.report();
		}
		PullCounts counts;
		try (AdvisoryLock held = lock.get()) {
			counts = sourcePull.run(source, subjects);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		metrics.resources(source.name(), "fetched", counts.fetched);
		metrics.resources(source.name(), "created", counts.created);
		metrics.resources(source.name(), "updated", counts.updated);
		metrics.resources(source.name(), "unchanged", counts.unchanged);
		metrics.resources(source.name(), "rejected", counts.rejected);
		metrics.resources(source.name(), "error", counts.errors);
		metrics.run(source.name(), counts.errors == 0 ? "completed" : "failed", took);
		SourceReport report = counts.report();
		log.info("EHR pull {}: {} subjects, fetched {}, created {}, updated {}, unchanged {}, rejected {}, errors {} "
				+ "in {} ms", source.name(), subjects.size(), report.fetched(), report.created(), report.updated(),
				report.unchanged(), report.rejected(), report.errors(), took.toMillis());
		return report;
	}
}
