package org.trialfhir.scoring;

/**
 * JAAM and ISTH apply only with an underlying disease associated with DIC (sepsis qualifies). The eCRF flag
 * decides; not recorded → assumed present in this sepsis trial, flagged (docs/scores-spec.md §6, §7, D19).
 */
final class Applicability {

	private Applicability() {
	}

	static boolean underlyingDisease(PatientFacts p, Tally t) {
		Recorded<Boolean> disease = p.underlyingDisease();
		if (disease == null || disease.value() == null) {
			t.flag(Flag.UNDERLYING_DISEASE_ASSUMED, "underlying disease not recorded: assumed present");
			return true;
		}
		t.use(disease);
		if (!disease.value()) {
			t.note("no underlying disease recorded: criteria not applicable, diagnosis left empty");
		}
		return disease.value();
	}
}
