package org.trialfhir.simulator;

/**
 * The morning laboratory panel and the mediator panel of one study day, in canonical units. Each value is
 * the latent course with the day's deviation and a small analytical error.
 */
final class LabPanel {
	private final SubjectProfile subject;
	private final Course course;
	private final ClinicalGenerator.DayState state;
	private final Rng rng;

	/** Where the values go: (variable, hours after T0, canonical value). */
	interface Sink {
		void measure(Variable variable, double hour, double value);
	}

	LabPanel(SubjectProfile subject, Course course, ClinicalGenerator.DayState state, Rng rng) {
		this.subject = subject;
		this.course = course;
		this.state = state;
		this.rng = rng;
	}

	static double platelets(Course course, ClinicalGenerator.DayState state, Rng rng, double hour) {
		return course.platelets(hour) * StrictMath.exp(state.platelets + rng.normal(0, 0.04));
	}

	void morning(int day, double hour, Sink sink) {
		SubjectProfile.Organs organs = course.organs(hour);
		double[] d = state.organ;
		double dic = dic(hour);
		double inflammation = inflammation(hour);
		sink.measure(Variable.PLATELETS, hour, platelets(course, state, rng, hour));
		double wbc = subject.leukopenic() ? 1.6 + 5 * Math.max(0, 1 - inflammation) : 5 + 8 * inflammation;
		sink.measure(Variable.WBC, hour, wbc * logNormal(0.15));
		double ratio = Math.max(0.9, 1.0 + 0.25 * dic + 0.05 * level(organs.liver() + d[1]) + rng.normal(0, 0.04));
		sink.measure(Variable.PT_SECONDS, hour, ratio * Physiology.CONTROL_PT_SECONDS);
		sink.measure(Variable.PT_RATIO, hour, ratio);
		sink.measure(Variable.INR, hour, StrictMath.pow(ratio, Physiology.ISI));
		double fdp = (4 + 20 * dic) * logNormal(0.35);
		sink.measure(Variable.FDP, hour, fdp);
		sink.measure(Variable.D_DIMER, hour, fdp * 0.45 * logNormal(0.1));
		sink.measure(Variable.FIBRINOGEN, hour, Math.max(60, (380 - 150 * dic) * logNormal(0.12)));
		sink.measure(Variable.CREATININE, hour,
				Physiology.interpolate(Physiology.CREATININE, organs.renal() + d[4]) * logNormal(0.05));
		sink.measure(Variable.BILIRUBIN, hour,
				Physiology.interpolate(Physiology.BILIRUBIN, organs.liver() + d[1]) * logNormal(0.08));
		sink.measure(Variable.SODIUM, hour, 137 + state.sodiumOffset + 0.8 * (day - 1) + rng.normal(0, 2));
		sink.measure(Variable.POTASSIUM, hour,
				SubjectFactory.clamp(3.9 + 0.3 * level(organs.renal() + d[4]) + rng.normal(0, 0.45), 2.5, 7.5));
		sink.measure(Variable.HEMATOCRIT, hour,
				SubjectFactory.clamp(27 + state.hematocritOffset - 0.5 * (day - 1) + rng.normal(0, 1.5), 18, 50));
		sink.measure(Variable.ANTITHROMBIN, hour, SubjectFactory.clamp(95 - 38 * dic + rng.normal(0, 8), 15, 130));
		double shock = Math.max(0, level(organs.cardiovascular() + d[2]) - 1);
		sink.measure(Variable.LACTATE, hour, (1.0 + 1.3 * shock) * logNormal(0.2));
	}

	/** Cytokines, HMGB-1 and the natural anticoagulants (days 1, 3, 7). */
	void mediators(int day, double hour, Sink sink) {
		double dic = dic(hour);
		double inflammation = inflammation(hour);
		sink.measure(Variable.TNF_ALPHA, hour, (8 + 35 * inflammation) * logNormal(0.3));
		sink.measure(Variable.IL_1BETA, hour, (1.5 + 10 * inflammation) * logNormal(0.4));
		sink.measure(Variable.IL_6, hour, 40 * StrictMath.exp(3.2 * inflammation) * logNormal(0.5));
		sink.measure(Variable.HMGB1, hour, (3 + 9 * inflammation + 3 * dic) * logNormal(0.3));
		// the assay also measures the drug: thrombomodulin alfa is soluble thrombomodulin, given on days 1–6
		double drug = subject.arm() == Arm.RTM && day <= 6 ? 900 * logNormal(0.2) : 0;
		sink.measure(Variable.SOLUBLE_THROMBOMODULIN, hour, (8 + 18 * dic) * logNormal(0.2) + drug);
		sink.measure(Variable.PROTEIN_C, hour, SubjectFactory.clamp(90 - 40 * dic + rng.normal(0, 8), 10, 140));
		sink.measure(Variable.PROTEIN_S, hour, SubjectFactory.clamp(75 - 25 * dic + rng.normal(0, 8), 10, 140));
	}

	private double dic(double hour) {
		return course.dicActivity(hour) * StrictMath.exp(state.dic);
	}

	private double inflammation(double hour) {
		return course.inflammation(hour) * StrictMath.exp(state.inflammation);
	}

	private double logNormal(double sd) {
		return StrictMath.exp(rng.normal(0, sd));
	}

	private static double level(double value) {
		return SubjectFactory.clamp(value, 0, 4);
	}
}
