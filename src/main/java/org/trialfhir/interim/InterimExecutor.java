package org.trialfhir.interim;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.StudyReader;
import org.trialfhir.analysis.baseline.BaselineReader;
import org.trialfhir.analysis.baseline.BaselineTable;
import org.trialfhir.analysis.consort.ConsortFlow;
import org.trialfhir.analysis.consort.ConsortReader;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.completeness.CompletenessByDay;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.security.BlindingPolicy;
import org.trialfhir.security.CurrentToken;
import org.trialfhir.security.Interaction;

/**
 * Runs {@code $interim} on a study: reads the study, its design, its randomized subjects and deaths (as
 * {@code $analyze} does, {@link StudyReader}) and the recorded looks, computes the look ({@link InterimLook}) and, with
 * {@code record=true}, stores it ({@link RecordedLooks}).
 */
@Component
class InterimExecutor {

	static final String ALLOCATION_RATIO_EXTENSION = "http://trialfhir.org/fhir/StructureDefinition/allocation-ratio";

	/** What the HTML report needs beyond the look: the subjects and the bleeding events (pooled unless the arms are shown). */
	/**
	 * A computed look; the report's extra data (bleeding events, the CONSORT flow and the baseline table, all read as
	 * {@code $analyze} reads them) only for the DSMB report, else empty and null.
	 */
	record Run(InterimResult result, StudyData data, List<BleedingEvent> bleeding, ConsortFlow consort,
			BaselineTable baseline, List<CompletenessByDay.Day> completeness) {
	}

	private final StudyReader studies;
	private final RecordedLooks looks;
	private final BlindingPolicy blinding;
	private final ConsortReader consortReader;
	private final BaselineReader baselineReader;
	private final PendingDerivations derivations;
	private final CompletenessByDay completeness;

	InterimExecutor(StudyReader studies, RecordedLooks looks, BlindingPolicy blinding, ConsortReader consortReader,
			BaselineReader baselineReader, PendingDerivations derivations, CompletenessByDay completeness) {
		this.studies = studies;
		this.looks = looks;
		this.blinding = blinding;
		this.consortReader = consortReader;
		this.baselineReader = baselineReader;
		this.derivations = derivations;
		this.completeness = completeness;
	}

	Run run(String studyId, InterimRequest request, boolean forReport) {
		if (request.record() && !mayRecord()) {
			throw new ForbiddenOperationException("Access denied: record=true stores the look as a Basic resource and "
					+ "needs the data manager's right to create Basic (e.g. system/*.cruds)");
		}
		ResearchStudy study = studies.study(studyId);
		if (study.getArm().size() != 2) {
			throw TrialFhirException.unprocessable("$interim compares two arms; ResearchStudy/" + studyId + " has "
					+ study.getArm().size());
		}
		GroupSequentialDesign design = GroupSequentialDesign.of(study).orElseThrow(() -> TrialFhirException
				.unprocessable("ResearchStudy/" + studyId + " has no group-sequential design: add the extension "
						+ GroupSequentialDesign.URL + " (docs/interim.md)"));
		StudyData data = studies.read(study);
		List<RecordedLook> recorded = looks.of(studyId);
		boolean armsShown = !blinding.armsHiddenFromCurrentToken(study);
		Outcomes outcomes = Outcomes.of(data, request.mortalityDay(), Instant.now());
		InterimResult result = InterimLook.run(studyId, study.getTitle(), BlindedStudies.isBlinded(study), design,
				recorded, request, outcomes, weights(study), armsShown);
		if (request.record()) {
			result = record(result);
		}
		if (!forReport) {
			return new Run(result, data, List.of(), null, null, List.of());
		}
		// Table 1 reads each subject's day-1 scores: bring them up to date first, as $analyze does
		derivations.finish(data.subjects().stream().map(Subject::patientId).distinct().toList());
		Instant now = Instant.now();
		ConsortFlow consort = ConsortFlow.of(consortReader.read(study, request.mortalityDay(), now));
		return new Run(result, data, studies.bleeding(), consort, baselineReader.table(data, null),
				completeness.of(studyId, now));
	}

	private InterimResult record(InterimResult result) {
		if (result.informationFraction() == 0) {
			throw TrialFhirException.unprocessable("no subject has a known outcome yet: there is no look to record");
		}
		if (result.recorded().stream().anyMatch(r -> r.look() == result.look())) {
			throw new TrialFhirException(TrialFhirException.Kind.CONFLICT, "look " + result.look()
					+ " of ResearchStudy/" + result.studyId() + " is already recorded", "look");
		}
		RecordedLook stored = looks.record(result);
		List<RecordedLook> recorded = new ArrayList<>(result.recorded());
		recorded.add(stored);
		List<String> notes = new ArrayList<>(result.notes());
		notes.add("Look " + result.look() + " is recorded as Basic/" + stored.id() + ": later looks spend α at its "
				+ "information fraction " + result.informationFraction());
		return new InterimResult(result.studyId(), result.title(), result.blinded(), result.design(), result.look(),
				result.informationFraction(), result.boundaries(), recorded, result.outcomes(), result.armsShown(),
				result.statistic(), result.power(), result.decision(), notes);
	}

	private static boolean mayRecord() {
		return CurrentToken.get().map(token -> token.grants().allows("Basic", Interaction.CREATE)).orElse(false);
	}

	/** Each arm's allocation-ratio weight (the extension $randomize uses), 1 when absent or unusable. */
	private static List<Integer> weights(ResearchStudy study) {
		return study.getArm().stream().map(arm -> {
			Extension ratio = arm.getExtensionByUrl(ALLOCATION_RATIO_EXTENSION);
			return ratio != null && ratio.getValue() instanceof IntegerType weight && weight.getValue() != null
					&& weight.getValue() > 0 ? weight.getValue() : 1;
		}).toList();
	}
}
