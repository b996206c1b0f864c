package org.trialfhir.simulator;

/**
 * Bleeding adverse events (any severity) within the 28-day window. Probability per subject and the category mix are
 * plausible for septic DIC (gastrointestinal most common); the pilot reported no excess bleeding under rTM,
 * so both arms share one rate.
 */
final class BleedingEvents {
	static final double PROBABILITY = 0.2;
	private static final String[] CATEGORIES = {"gastrointestinal", "intracranial", "pulmonary", "other"};
	private static final double[] CUMULATIVE = {0.5, 0.6, 0.75, 1.0};

	private final SubjectProfile subject;
	private final Rng rng;

	BleedingEvents(SubjectProfile subject, Rng rng) {
		this.subject = subject;
		this.rng = rng;
	}

	void report(ClinicalEvents events) {
		double draw = rng.uniform();
		double window = subject.dies() ? subject.deathHours() : 28 * 24;
		double hour = rng.uniform(0, window);
		double kind = rng.uniform();
		if (draw >= PROBABILITY) {
			return;
		}
		int category = 0;
		while (kind >= CUMULATIVE[category]) {
			category++;
		}
		events.bleeding(1, CATEGORIES[category], ClinicalGenerator.at(subject, hour), rng.chance(0.6));
	}
}
