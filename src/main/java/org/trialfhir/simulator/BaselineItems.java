package org.trialfhir.simulator;

import java.time.Instant;

/** eCRF items recorded once at randomisation (T0), plus the admission body weight. */
final class BaselineItems {
	private final SubjectProfile subject;

	BaselineItems(SubjectProfile subject) {
		this.subject = subject;
	}

	void report(ClinicalEvents events) {
		Instant t0 = subject.t0();
		SubjectProfile.Baseline history = subject.history();
		events.ecrfFlag("underlying-disease", 1, t0, true); // sepsis: the trial's inclusion criterion
		events.ecrfFlag("chronic-health", 1, t0, history.chronicHealth());
		events.operativeStatus(t0, history.operativeStatus());
		events.ecrfFlag("acute-renal-failure", 1, t0, history.acuteRenalFailure());
		events.ecrfFlag("liver-cirrhosis", 1, t0, history.liverCirrhosis());
		events.ecrfFlag("hematologic-malignancy", 1, t0, history.hematologicMalignancy());
		events.measured(Variable.WEIGHT, 1, ClinicalGenerator.at(subject, 0.25), subject.weightKg());
	}
}
