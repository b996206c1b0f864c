package org.trialfhir.simulator;

/**
 * Respiratory support of one subject: started before randomisation for those who need it, ended when the
 * latent respiratory level has improved (weaning checked hourly), at death, or still running at the end of
 * the simulated days (then the Procedure is in progress).
 */
record Support(SubjectProfile.Support mode, double startHours, Double endHours) {
	/** Invasive ventilation ends below this respiratory level, NIV below the second, HFNO below the third. */
	private static final double WEAN_INVASIVE = 1.5;
	private static final double WEAN_NIV = 1.2;
	private static final double WEAN_HFNO = 0.9;

	static Support of(SubjectProfile subject, Course course, int days) {
		if (subject.support() == SubjectProfile.Support.NONE) {
			return new Support(SubjectProfile.Support.NONE, 0, 0.0);
		}
		double threshold = switch (subject.support()) {
			case INVASIVE -> WEAN_INVASIVE;
			case NIV -> WEAN_NIV;
			default -> WEAN_HFNO;
		};
		double lastHour = 24.0 * days;
		Double end = null;
		for (double hour = 24; hour < lastHour; hour += 1) { // no weaning on day 1
			if (!subject.aliveAt(hour)) {
				end = subject.deathHours();
				break;
			}
			if (course.organs(hour).respiration() < threshold) {
				end = hour + 0.5;
				break;
			}
		}
		if (end == null && subject.dies() && subject.deathHours() < lastHour) {
			end = subject.deathHours();
		}
		return new Support(subject.support(), subject.supportStartHours(), end);
	}

	/** True when support of any kind runs at {@code hours} after T0. */
	boolean activeAt(double hours) {
		return mode != SubjectProfile.Support.NONE && hours >= startHours && (endHours == null || hours < endHours);
	}

	/** True when ventilation (invasive or NIV) runs: high-flow oxygen sets no ventilator FiO₂. */
	boolean ventilatedAt(double hours) {
		return mode != SubjectProfile.Support.HFNO && activeAt(hours);
	}

	boolean invasiveAt(double hours) {
		return mode == SubjectProfile.Support.INVASIVE && activeAt(hours);
	}

	void report(SubjectProfile subject, ClinicalEvents events) {
		if (mode == SubjectProfile.Support.NONE) {
			return;
		}
		events.respiratorySupport(mode, ClinicalGenerator.at(subject, startHours),
				endHours == null ? null : ClinicalGenerator.at(subject, endHours));
	}
}
