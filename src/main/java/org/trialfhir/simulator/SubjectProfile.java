package org.trialfhir.simulator;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Everything fixed about one simulated subject at randomisation: who, where, which arm, baseline organ
 * dysfunction, and the (pre-drawn) outcome. The daily course is derived from it by {@link Course}.
 *
 * @param number         1-based enrolment number
 * @param ageYears       completed years at T0 (agrees with {@code birthDate})
 * @param deathHours     hours from T0 to death, or {@code null} if alive at day 28
 * @param severity       latent standard-normal severity; higher is sicker
 * @param baseline       day-1 latent organ levels on a 0–4 SOFA-like scale
 * @param platelets0     platelets at T0, ×10⁹/L
 * @param dic0           DIC activity at T0 (1 ≈ typical septic DIC)
 * @param inflammation0  systemic inflammation at T0 (1 ≈ full SIRS)
 * @param recoveryDays   time constant of recovery for survivors
 * @param support        respiratory support at randomisation
 */
record SubjectProfile(int number, String patientId, String subjectId, Site site, Arm arm, Instant t0,
		String gender, LocalDate birthDate, int ageYears, double weightKg, Double deathHours,
		double severity, Organs baseline, double platelets0, double dic0, double inflammation0,
		double recoveryDays, Support support, double supportStartHours, Baseline history,
		boolean hypothermic, boolean leukopenic) {

	/** Respiratory support from randomisation: invasive ventilation, NIV, high-flow nasal oxygen, or none. */
	enum Support { INVASIVE, NIV, HFNO, NONE }

	/** Latent organ-dysfunction levels, 0 (normal) to 4 (worst), the scale of a SOFA component. */
	record Organs(double respiration, double liver, double cardiovascular, double cns, double renal) {
	}

	/** eCRF history items fixed at enrolment. */
	record Baseline(boolean chronicHealth, String operativeStatus, boolean acuteRenalFailure,
			boolean liverCirrhosis, boolean hematologicMalignancy) {
	}

	boolean dies() {
		return deathHours != null;
	}

	/** True while the subject is alive at {@code hours} after T0. */
	boolean aliveAt(double hours) {
		return deathHours == null || hours < deathHours;
	}
}
