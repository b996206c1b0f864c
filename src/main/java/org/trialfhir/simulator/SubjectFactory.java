package org.trialfhir.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Draws a subject's profile from the run seed and the enrolment index alone, so the setup bundle and the
 * subject's clinical bundle can be produced in separate passes (bounded memory) and agree.
 *
 * <p>Calibration (see docs/simulator.md): baseline organ levels centre on the pilot's day-1 SOFA ≈ 12;
 * 28-day mortality is drawn per arm ({@link #DEATH_PROBABILITY}) and raised by latent severity, which
 * ties sicker baselines to death as in any ICU cohort.
 */
final class SubjectFactory {
	/** 28-day mortality per arm: 0.42·18 + 0.50·24 ≈ 19.6 of 42 ≈ 47 %, the pilot's pooled figure. */
	static final double[] DEATH_PROBABILITY = {0.42, 0.50};
	private static final double SEVERITY_LOG_ODDS = 0.8;
	/** Rate (per day) of the truncated exponential for the day of death within 28 days. */
	private static final double DEATH_RATE_PER_DAY = 0.09;

	private final SimulationOptions options;
	private final List<Site> sites;
	private final Allocation allocation;
	private final int idWidth;

	SubjectFactory(SimulationOptions options) {
		this.options = options;
		this.sites = Site.first(options.sites());
		this.allocation = new Allocation(options.seed(), options.ratioTreatment(), options.ratioControl());
		this.idWidth = Math.max(4, Integer.toString(options.subjects()).length());
	}

	SubjectProfile create(int index) {
		Rng rng = Rng.of(options.seed(), index, Streams.PROFILE);
		int number = index + 1;
		String digits = String.format(java.util.Locale.ROOT, "%0" + idWidth + "d", number);
		Site site = sites.get(index % sites.size());
		Arm arm = allocation.armOf(index);
		// one enrolment every 12 h across the sites, at a random minute of a 6-hour window
		Instant t0 = options.start().plus(Duration.ofHours(12L * index)).plus(Duration.ofMinutes(5L * rng.nextInt(72)));

		int age = (int) clamp(rng.normal(75, 10), 25, 95);
		LocalDate t0Date = t0.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalDate birthDate = t0Date.minusYears(age).minusDays(1 + rng.nextInt(364));
		String gender = rng.chance(0.6) ? "male" : "female";
		double weight = round1(clamp(rng.normal("male".equals(gender) ? 62 : 52, 10), 35, 120));

		double z = rng.gaussian();
		SubjectProfile.Organs organs = new SubjectProfile.Organs(
				level(2.1 + 0.5 * z + 0.6 * rng.gaussian()),
				level(1.0 + 0.4 * z + 0.8 * rng.gaussian()),
				level(2.4 + 0.6 * z + 0.8 * rng.gaussian()),
				level(3.1 + 0.5 * z + 0.8 * rng.gaussian()),
				level(1.6 + 0.6 * z + 0.8 * rng.gaussian()));
		double platelets0 = clamp(StrictMath.exp(StrictMath.log(105) - 0.25 * z + 0.4 * rng.gaussian()), 12, 300);
		double dic0 = clamp(1.0 + 0.2 * z + 0.3 * rng.gaussian(), 0.3, 2.0);
		double inflammation0 = clamp(1.0 + 0.15 * z + 0.25 * rng.gaussian(), 0.3, 1.6);
		double recoveryDays = rng.uniform(4, 10);

		double logOdds = logit(DEATH_PROBABILITY[arm.ordinal()]) + SEVERITY_LOG_ODDS * z;
		Double deathHours = rng.uniform() < 1 / (1 + StrictMath.exp(-logOdds)) ? 24 * deathDay(rng) : null;

		SubjectProfile.Support support = organs.respiration() >= 2.2 ? SubjectProfile.Support.INVASIVE
				: organs.respiration() >= 1.6 ? SubjectProfile.Support.NIV
				: organs.respiration() >= 1.2 ? SubjectProfile.Support.HFNO : SubjectProfile.Support.NONE;
		double supportStart = -rng.uniform(2, 24);

		double operative = rng.uniform();
		SubjectProfile.Baseline history = new SubjectProfile.Baseline(
				rng.chance(0.6),
				operative < 0.65 ? "nonoperative" : operative < 0.95 ? "emergency-postoperative" : "elective-postoperative",
				organs.renal() >= 2.0,
				rng.chance(0.05),
				rng.chance(0.04));
		return new SubjectProfile(number, "sim-p" + digits, "sim-s" + digits, site, arm, t0, gender, birthDate, age,
				weight, deathHours, z, organs, platelets0, dic0, inflammation0, recoveryDays, support, supportStart,
				history, rng.chance(0.1), rng.chance(0.12));
	}

	/** Day of death in (0, 28], truncated exponential: early deaths are the more common. */
	private static double deathDay(Rng rng) {
		double tail = 1 - StrictMath.exp(-DEATH_RATE_PER_DAY * 28);
		double day = -StrictMath.log(1 - rng.uniform() * tail) / DEATH_RATE_PER_DAY;
		return clamp(day, 0.25, 27.9);
	}

	private static double level(double value) {
		return clamp(value, 0, 4);
	}

	static double clamp(double value, double low, double high) {
		return Math.max(low, Math.min(high, value));
	}

	private static double logit(double p) {
		return StrictMath.log(p / (1 - p));
	}

	private static double round1(double value) {
		return StrictMath.rint(value * 10) / 10;
	}
}
