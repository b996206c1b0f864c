package org.trialfhir.simulator;

/**
 * The organ support and drugs SOFA-2 reads beyond ventilation and catecholamines: VV-ECMO for the worst lungs,
 * CRRT for the worst kidneys (ECMO only for subjects of an ECMO centre, every fifth), and propofol sedation for as long as a patient is
 * ventilated invasively, with the GCS charted just before sedation began. Decided from the latent course alone, so
 * the measurement noise of the other records is unchanged.
 */
final class OrganSupports {
	/** VV-ECMO starts when the latent respiratory level reaches this (ventilated patients only), ends below the second. */
	private static final double ECMO_START = 3.9;
	private static final double ECMO_END = 3.2;
	/** CRRT starts at this renal level and ends below the second. */
	private static final double RRT_START = 3.4;
	private static final double RRT_END = 2.5;
	/** Only every fifth subject is treated in an ECMO centre: VV-ECMO stays rare, as in sepsis trials. */
	private static final int ECMO_CENTRE_EVERY = 5;
	/** Propofol, mg/kg/h. */
	private static final double PROPOFOL_RATE = 1.5;

	private OrganSupports() {
	}

	static void report(SubjectProfile subject, Course course, Support support, int days, ClinicalEvents events) {
		double lastHour = 24.0 * days;
		if (support.mode() == SubjectProfile.Support.INVASIVE) {
			double gcs = Physiology.interpolate(Physiology.GCS, course.organs(0).cns());
			double before = support.startHours() - 0.25;
			events.measured(Variable.GCS, 1, ClinicalGenerator.at(subject, before),
					Math.round(SubjectFactory.clamp(gcs, 3, 15)));
			Double end = support.endHours();
			events.infusion(ClinicalEvents.Drug.PROPOFOL, 1, ClinicalGenerator.at(subject, support.startHours()),
					end == null ? null : ClinicalGenerator.at(subject, end), PROPOFOL_RATE);
			if (subject.number() % ECMO_CENTRE_EVERY == 0) {
				interval(subject, course, lastHour, true, ECMO_START, ECMO_END, ClinicalEvents.OrganSupport.ECMO_VV, events);
			}
		}
		interval(subject, course, lastHour, false, RRT_START, RRT_END, ClinicalEvents.OrganSupport.CRRT, events);
	}

	/** The first stretch, hourly from T0, with the level at or above {@code start} until it falls below {@code end}. */
	private static void interval(SubjectProfile subject, Course course, double lastHour, boolean lungs, double start,
			double end, ClinicalEvents.OrganSupport kind, ClinicalEvents events) {
		Double from = null;
		for (double hour = 0; hour < lastHour && subject.aliveAt(hour); hour += 1) {
			SubjectProfile.Organs organs = course.organs(hour);
			double level = lungs ? organs.respiration() : organs.renal();
			if (from == null && level >= start) {
				from = hour;
			} else if (from != null && level < end) {
				events.organSupport(kind, ClinicalGenerator.at(subject, from), ClinicalGenerator.at(subject, hour + 0.5));
				return;
			}
		}
		if (from != null) {
			boolean diedDuring = subject.dies() && subject.deathHours() < lastHour;
			events.organSupport(kind, ClinicalGenerator.at(subject, from),
					diedDuring ? ClinicalGenerator.at(subject, subject.deathHours()) : null);
		}
	}
}
