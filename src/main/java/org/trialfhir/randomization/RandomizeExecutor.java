package org.trialfhir.randomization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.profiles.TrialCanonicals;

/**
 * Enrols a patient: eligibility, stratum, the next slot of the stratum's concealed list, the ResearchSubject (T0 = now)
 * and the audit record — all in one transaction, so a failure at any step consumes nothing. An ineligible patient is
 * recorded too (one screening ResearchSubject with status ineligible and the failed criteria, committed before the
 * 422 is thrown) so that the CONSORT flow counts everyone screened.
 *
 * <p>Idempotent per patient and study: a patient who already holds a slot of the study (a retry after a lost
 * response, a double submit) gets the ResearchSubject it was allocated to, as it is now, and nothing else happens — no
 * eligibility check, no slot, no re-roll; only the replay is audited.
 */
@Component
class RandomizeExecutor {

	private static final Logger log = LoggerFactory.getLogger(RandomizeExecutor.class);
	static final String SUBJECT_PROFILE = "http://trialfhir.org/fhir/StructureDefinition/TrialResearchSubject";
	/** On an ineligible screening record, one per failed criterion (valueCode: {@link Criterion#code}). */
	static final String FAILED_CRITERION = TrialCanonicals.EXT_FAILED_CRITERION;

	/**
	 * The outcome: the stored subject (with its arm: the response is masked for blinded tokens where every response
	 * is), the slot it used, and whether it was allocated by an earlier call (a replay).
	 */
	record Randomization(ResearchSubject subject, Slot slot, boolean replay) {}

	private final ScreeningReader reader;
	private final StratumResolver strata;
	private final AllocationSlots slots;
	private final RandomizationAudit audit;
	private final DaoRegistry daoRegistry;
	private final RandomizationProperties properties;
	private final EligibilityRules rules;
	private final TransactionTemplate transaction;

	RandomizeExecutor(ScreeningReader reader, StratumResolver strata, AllocationSlots slots, RandomizationAudit audit,
			DaoRegistry daoRegistry, RandomizationProperties properties, PlatformTransactionManager transactionManager) {
		this.reader = reader;
		this.strata = strata;
		this.slots = slots;
		this.audit = audit;
		this.daoRegistry = daoRegistry;
		this.properties = properties;
		this.rules = new EligibilityRules(properties.eligibility());
		this.transaction = new TransactionTemplate(transactionManager);
	}

	Randomization randomize(RandomizeRequest request) {
		Attempt attempt = transaction.execute(status -> randomizeInTransaction(request, Instant.now()));
		if (attempt.refusal() != null) {
			// thrown after the commit: the screening record of an ineligible patient is kept although the answer is 422
			throw attempt.refusal();
		}
		Randomization randomization = attempt.randomization();
		log.info("{} Patient/{} as ResearchSubject/{}: {}", randomization.replay() ? "Replayed: already randomized"
				: "Randomized", request.patientId(), randomization.subject().getIdElement().getIdPart(),
				randomization.slot().label()); // never the arm
		return randomization;
	}

	/** What one transaction did: randomized (or replayed), or recorded an ineligible screening and refuses. */
	private record Attempt(Randomization randomization, TrialFhirException refusal) {
	}

	private Attempt randomizeInTransaction(RandomizeRequest request, Instant now) {
		ResearchStudy study = reader.read(ResearchStudy.class, new IdType("ResearchStudy", request.studyId()))
				.orElseThrow(() -> TrialFhirException.notFound("ResearchStudy/" + request.studyId() + " does not exist"));
		Patient patient = reader.patient(new IdType("Patient", request.patientId()))
				.orElseThrow(() -> TrialFhirException.invalid(RandomizeRequest.location("subject"), "Patient/" + request.patientId()
						+ " does not exist"));
		StudyDesign design = StudyDesign.of(study, properties.defaultFactors());
		slots.lockPatient(design.studyId(), request.patientId());
		Optional<AllocationSlots.Allocation> earlier = slots.heldBy(design.studyId(), request.patientId());
		if (earlier.isPresent()) {
			// before the accrual and eligibility checks: they held when the slot was taken, and the study may have
			// closed or the screening score aged since
			return new Attempt(replay(request, design, earlier.get()), null);
		}
		if (study.getStatus() != ResearchStudy.ResearchStudyStatus.ACTIVE) {
			throw TrialFhirException.unprocessable("ResearchStudy/" + request.studyId() + " is not open for accrual "
					+ "(status " + (study.hasStatus() ? study.getStatus().toCode() : "missing") + ", enrolment needs active)");
		}

		Instant windowStart = now.minus(properties.eligibility().jaamDic().window());
		ScreeningFacts facts = reader.facts(patient, design.studyId(), windowStart, now,
				properties.eligibility().dicScore());
		List<Ineligibility> failures = rules.failures(facts, now);
		if (!failures.isEmpty()) {
			recordIneligible(patient, design.studyId(), failures);
			return new Attempt(null,
					notEligible(request, failures.stream().map(Ineligibility::toString).collect(Collectors.joining("; "))));
		}
		Stratum stratum = strata.resolve(design, request, patient, facts.latestJaam(windowStart, now));
		Slot slot = slots.takeNext(design.studyId(), stratum,
				PermutedBlocks.secure(design.ratio(), properties.blockMultiples()));
		// T0: the moment the slot is ours (after waiting for the stratum's lock), to the millisecond, the same instant
		// in the ResearchSubject and in the allocation table
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		ResearchSubject subject = reader.screeningRecord(patient, design.studyId()).orElseGet(ResearchSubject::new);
		enrol(subject, design.studyId(), request.patientId(), slot.arm(), t0, facts.consents());
		var subjects = daoRegistry.getResourceDao(ResearchSubject.class);
		ResearchSubject stored = (ResearchSubject) (subject.getIdElement().hasIdPart()
				? subjects.update(subject, new SystemRequestDetails()) : subjects.create(subject, new SystemRequestDetails()))
				.getResource();
		String subjectId = stored.getIdElement().getIdPart();
		slots.markUsed(slot, request.patientId(), subjectId, t0);
		audit.randomized(subjectId, request.patientId(), slot);
		return new Attempt(new Randomization(stored, slot, false), null);
	}

	/**
	 * The patient's one screening record in the study says ineligible and why (docs/randomization.md "Screening
	 * records"): created, or the earlier screening record updated. Not when the patient is already enrolled without a
	 * slot ({@code not-enrolled}): that subject is the patient's record in the study, and a second one would count the
	 * patient twice.
	 */
	private void recordIneligible(Patient patient, String studyId, List<Ineligibility> failures) {
		if (failures.stream().anyMatch(f -> f.criterion() == Criterion.NOT_ENROLLED)) {
			return;
		}
		String patientId = patient.getIdElement().getIdPart();
		ResearchSubject record = reader.screeningRecord(patient, studyId).orElseGet(ResearchSubject::new);
		record.setStatus(ResearchSubject.ResearchSubjectStatus.INELIGIBLE);
		record.setStudy(new Reference("ResearchStudy/" + studyId));
		record.setIndividual(new Reference("Patient/" + patientId));
		record.setAssignedArm(null);
		record.setPeriod(null);
		record.getMeta().getProfile().removeIf(profile -> SUBJECT_PROFILE.equals(profile.getValue()));
		record.getExtension().removeIf(e -> FAILED_CRITERION.equals(e.getUrl()));
		failures.forEach(f -> record.addExtension(FAILED_CRITERION, new CodeType(f.criterion().code)));
		var subjects = daoRegistry.getResourceDao(ResearchSubject.class);
		String recordId = (record.getIdElement().hasIdPart()
				? subjects.update(record, new SystemRequestDetails()) : subjects.create(record, new SystemRequestDetails()))
				.getId().getIdPart();
		audit.screenedIneligible(recordId, patientId, studyId,
				failures.stream().map(f -> f.criterion().code).toList());
	}

	/** The subject the patient's earlier call was allocated, as it is now (withdrawn, say); only audited. */
	private Randomization replay(RandomizeRequest request, StudyDesign design, AllocationSlots.Allocation earlier) {
		ResearchSubject subject = reader.read(ResearchSubject.class,
				new IdType("ResearchSubject", earlier.researchSubjectId())).orElseThrow(
						() -> new TrialFhirException(
								TrialFhirException.Kind.CONFLICT, "Patient/" + request.patientId() + " holds "
										+ earlier.slot().label() + " of ResearchSubject/" + earlier.researchSubjectId()
										+ ", which cannot be read"));
		audit.replayed(earlier.researchSubjectId(), request.patientId(), earlier.slot());
		return new Randomization(subject, earlier.slot(), true);
	}

	/** A new subject, or the patient's screening record, becomes an on-study subject with its arm and T0. */
	private static void enrol(ResearchSubject subject, String studyId, String patientId, String arm, Instant t0,
			List<String> consents) {
		if (!subject.getMeta().hasProfile(SUBJECT_PROFILE)) {
			subject.getMeta().addProfile(SUBJECT_PROFILE);
		}
		subject.getExtension().removeIf(e -> FAILED_CRITERION.equals(e.getUrl()));
		subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		subject.setStudy(new Reference("ResearchStudy/" + studyId));
		subject.setIndividual(new Reference("Patient/" + patientId));
		subject.setAssignedArm(arm);
		subject.setPeriod(new Period().setStartElement(new DateTimeType(Date.from(t0), TemporalPrecisionEnum.MILLI)));
		if (!consents.isEmpty()) {
			subject.setConsent(new Reference("Consent/" + consents.get(0)));
		}
	}

	private static TrialFhirException notEligible(RandomizeRequest request, String reasons) {
		return TrialFhirException.unprocessable("Patient/" + request.patientId() + " is not eligible for ResearchStudy/"
				+ request.studyId() + ": " + reasons);
	}
}
