package org.trialfhir.derive;

import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * Runs {@code $derive-scores}: has {@link ScoreDerivation} derive and store the scores asked for, of one subject or of
 * every subject of a study, and returns the stored derived Observations.
 */
@Component
class DeriveScoresExecutor {

	private final ScoreDerivation derivation;

	DeriveScoresExecutor(ScoreDerivation derivation) {
		this.derivation = derivation;
	}

	/** By day then score. */
	List<Observation> runOnSubject(String subjectId, DeriveScoresRequest request) {
		return derivation.deriveSubject(subjectId, request.days(), request.scores());
	}

	/** Subject after subject; a subject that cannot be scored (no Patient or no T0 yet: 422 on its own) is skipped. */
	List<Observation> runOnStudy(String studyId, DeriveScoresRequest request) {
		return derivation.deriveStudy(studyId, request.days(), request.scores());
	}
}
