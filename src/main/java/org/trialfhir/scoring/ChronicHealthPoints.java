package org.trialfhir.scoring;

/**
 * APACHE II chronic-health points (Knaus 1985; docs/scores-spec.md §4, D11): with severe organ insufficiency or
 * immunocompromise before admission, 5 for non-operative or emergency post-operative patients, 2 for elective
 * post-operative ones; operative status unknown → 5, flagged. Chronic health not recorded → null (missing).
 */
final class ChronicHealthPoints {

	private ChronicHealthPoints() {
	}

	static Integer of(PatientFacts p, Tally t) {
		Recorded<Boolean> chronic = p.chronicHealth();
		if (chronic == null || chronic.value() == null) {
			return null;
		}
		t.use(chronic);
		if (!chronic.value()) {
			return 0;
		}
		Recorded<OperativeStatus> op = p.operativeStatus();
		if (op == null || op.value() == null) {
			t.flag(Flag.OPERATIVE_STATUS_UNKNOWN, "chronic health present, operative status unknown: 5 points");
			return 5;
		}
		t.use(op);
		return op.value() == OperativeStatus.ELECTIVE_POSTOPERATIVE ? 2 : 5;
	}
}
