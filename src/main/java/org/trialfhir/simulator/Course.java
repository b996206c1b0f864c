package org.trialfhir.simulator;

/**
 * The latent clinical course of one subject: organ levels, platelets, DIC activity and inflammation as smooth
 * functions of time since T0, to which {@link ClinicalGenerator} adds day-to-day and measurement noise.
 *
 * <p>Survivors recover as {@code p(t) = 1 − exp(−t/τ)}; each organ's level falls to {@code (1 − g)·baseline}
 * with an organ-specific recoverable share {@code g}. Non-survivors worsen slowly, then steeply in the 48 h
 * before death. Coagulation depends on the arm: under control, platelets dip to ≈ 75 % around day 3 before
 * recovering; under rTM, DIC activity resolves about twice as fast and platelets rise from day 1 — the
 * pattern reported by the pilot.
 */
final class Course {
	/** Recoverable share g per organ: respiration, liver, cardiovascular, CNS, renal. */
	private static final double[] RECOVERABLE = {0.55, 0.1, 0.8, 0.1, 0.5};
	private static final double TERMINAL_HOURS = 48;

	private final SubjectProfile subject;

	Course(SubjectProfile subject) {
		this.subject = subject;
	}

	/** Recovery progress in [0, 1) for survivors; for non-survivors a negative value, the worsening. */
	double progress(double hours, double timeConstantDays) {
		double days = Math.max(0, hours) / 24;
		if (!subject.dies()) {
			return 1 - StrictMath.exp(-days / timeConstantDays);
		}
		double toDeath = subject.deathHours() - hours;
		double terminal = Math.max(0, 1 - toDeath / TERMINAL_HOURS);
		double early = subject.deathHours() > 7 * 24 ? 0.25 * (1 - StrictMath.exp(-days / timeConstantDays)) : 0;
		return early - 0.15 * days / 7 - 0.45 * terminal;
	}

	/** Latent organ levels at {@code hours} after T0 (0–4). */
	SubjectProfile.Organs organs(double hours) {
		SubjectProfile.Organs b = subject.baseline();
		double p = progress(hours, subject.recoveryDays());
		return new SubjectProfile.Organs(
				organ(b.respiration(), 0, p), organ(b.liver(), 1, p), organ(b.cardiovascular(), 2, p),
				organ(b.cns(), 3, p), organ(b.renal(), 4, p));
	}

	private static double organ(double baseline, int organ, double progress) {
		double share = progress >= 0 ? RECOVERABLE[organ] * progress : progress; // worsening is not capped by g
		return SubjectFactory.clamp(baseline * (1 - share), 0, 4);
	}

	/** DIC activity (1 ≈ typical septic DIC at enrolment; 0 = resolved). */
	double dicActivity(double hours) {
		double tau = subject.arm() == Arm.RTM ? 0.55 * subject.recoveryDays() : 1.1 * subject.recoveryDays();
		double p = progress(hours, tau);
		double hump = subject.arm() == Arm.CONTROL ? 0.25 * hump(hours) : 0;
		return Math.max(0, subject.dic0() * (1 + hump - (p >= 0 ? 0.45 * p : 2 * p)));
	}

	/** Platelets ×10⁹/L. */
	double platelets(double hours) {
		double p = progress(hours, subject.arm() == Arm.RTM ? 0.7 * subject.recoveryDays() : subject.recoveryDays());
		double factor;
		if (p < 0) {
			factor = 1 + 1.2 * p;
		} else if (subject.arm() == Arm.RTM) {
			factor = 1 + 0.7 * p;
		} else {
			factor = (1 - 0.3 * hump(hours)) * (1 + 0.4 * p);
		}
		return Math.max(5, subject.platelets0() * Math.max(0.15, factor));
	}

	/** Systemic inflammation (1 ≈ full SIRS). */
	double inflammation(double hours) {
		double p = progress(hours, subject.recoveryDays());
		return Math.max(0, subject.inflammation0() * (1 - (p >= 0 ? 0.75 * p : p)));
	}

	/** A bump that peaks at 1 on day 3 (t = 2 days after T0) and fades by day 8. */
	static double hump(double hours) {
		double x = Math.max(0, hours) / 48;
		return x * StrictMath.exp(1 - x);
	}
}
