package org.trialfhir.simulator;

import java.time.Instant;

/** Records one study day of one subject (schedule in {@link ClinicalGenerator}). */
final class DayRecorder {
	/** The mediator panel's days (the schedule of activities: days 1, 3, 7 and 10). */
	private static final int[] MEDIATOR_DAYS = {1, 3, 7, 10};
	/** Vital signs every 4 h: the six a day the schedule of activities expects. */
	private static final int VITALS_PER_DAY = 6;
	/** rTM is given on study days 1–6 (the arm's description). */
	private static final int STUDY_DRUG_DAYS = 6;
	/** Latent CNS level from which a patient off the ventilator is treated for delirium. */
	private static final double DELIRIUM = 3.0;
	/** Norepinephrine rate (µg/kg/min) from which vasopressin is added. */
	private static final double VASOPRESSIN_FROM = 0.2;
	private static final double VASOPRESSIN_RATE = 0.03;

	private final SubjectProfile subject;
	private final Course course;
	private final ClinicalGenerator.DayState state;
	private final Support support;
	private final Rng rng;
	private final ClinicalEvents events;
	private final int day;
	private final double dayStart;
	private final Physiology.Infusion infusion;

	DayRecorder(SubjectProfile subject, Course course, ClinicalGenerator.DayState state, Support support, Rng rng,
			ClinicalEvents events, int day) {
		this.subject = subject;
		this.course = course;
		this.state = state;
		this.support = support;
		this.rng = rng;
		this.events = events;
		this.day = day;
		this.dayStart = 24.0 * (day - 1);
		this.infusion = Physiology.vasopressor(organs(dayStart + 12).cardiovascular());
	}

	void record() {
		for (int k = 0; k < VITALS_PER_DAY; k++) {
			vitals(dayStart + 0.5 + 24.0 / VITALS_PER_DAY * k + rng.uniform(0, 0.5));
		}
		for (double hour : new double[] {dayStart + 2, dayStart + 14}) {
			measure(Variable.GCS, hour, Math.round(SubjectFactory.clamp(
					Physiology.interpolate(Physiology.GCS, organs(hour).cns()) + rng.normal(0, 0.8), 3, 15)));
		}
		bloodGas(dayStart + 1 + rng.uniform(0, 0.5));
		bloodGas(dayStart + 12 + rng.uniform(0, 0.5));
		new LabPanel(subject, course, state, rng).morning(day, dayStart + 1.5 + rng.uniform(0, 1), this::measure);
		double evening = dayStart + 13.5 + rng.uniform(0, 0.5);
		measure(Variable.PLATELETS, evening, LabPanel.platelets(course, state, rng, evening));
		for (int mediatorDay : MEDIATOR_DAYS) {
			if (mediatorDay == day) {
				new LabPanel(subject, course, state, rng).mediators(day, dayStart + 1.6, this::measure);
			}
		}
		urineAndInfusion();
		double itemHour = dayStart + 20;
		if (subject.aliveAt(itemHour)) {
			SubjectProfile.Organs organs = organs(itemHour);
			boolean organFailure = Math.max(Math.max(organs.respiration(), organs.cardiovascular()),
					Math.max(organs.renal(), Math.max(organs.liver(), organs.cns()))) >= 3;
			events.ecrfFlag("organ-failure", day, at(itemHour), organFailure);
			double dic = course.dicActivity(itemHour) * StrictMath.exp(state.dic);
			events.ecrfFlag("bleeding", day, at(itemHour), dic > 1.0 && rng.chance(0.5));
			// agitated delirium off the ventilator: one dose of haloperidol in the evening (SOFA-2 brain >= 1)
			if (organs.cns() >= DELIRIUM && !support.invasiveAt(itemHour)) {
				events.dose(ClinicalEvents.Drug.HALOPERIDOL, day, at(itemHour), 2.5);
			}
		}
	}

	private void vitals(double hour) {
		SubjectProfile.Organs organs = organs(hour);
		double inflammation = course.inflammation(hour) * StrictMath.exp(state.inflammation);
		double temperature = subject.hypothermic() ? 36.3 - 0.9 * inflammation : 37.0 + 1.7 * inflammation;
		measure(Variable.TEMPERATURE, hour, temperature + rng.normal(0, 0.4));
		measure(Variable.HEART_RATE, hour, Math.round(Math.max(45, 66 + 30 * inflammation
				+ 5 * organs.cardiovascular() + rng.normal(0, 8))));
		double resp = support.invasiveAt(hour)
				? 10 + 1 * inflammation + 1.5 * organs.respiration() + rng.normal(0, 2)
				: 14 + 6 * inflammation + 1.5 * organs.respiration() + rng.normal(0, 2);
		measure(Variable.RESP_RATE, hour, Math.round(Math.max(8, resp)));
		double map = infusion != null ? 68 + rng.normal(0, 6) : 86 - 14 * organs.cardiovascular() + rng.normal(0, 7);
		measure(Variable.MAP, hour, Math.round(Math.max(35, map)));
		double spo2 = 99 - 2.2 * Math.max(0, organs.respiration() - 1) + rng.normal(0, 1.2);
		measure(Variable.SPO2, hour, Math.round(SubjectFactory.clamp(spo2, 82, 100)));
	}

	private void bloodGas(double hour) {
		SubjectProfile.Organs organs = organs(hour);
		boolean supported = support.ventilatedAt(hour);
		double fio2 = Physiology.fio2(organs.respiration(), supported);
		double pf = Physiology.interpolate(Physiology.PF_RATIO, organs.respiration()) * StrictMath.exp(rng.normal(0, 0.1));
		double acidosis = 0.06 * Math.max(0, organs.cardiovascular() - 1) + 0.04 * Math.max(0, organs.renal() - 1);
		measure(Variable.PAO2, hour, Math.round(SubjectFactory.clamp(pf * fio2, 45, 400)));
		measure(Variable.FIO2, hour, fio2);
		measure(Variable.PACO2, hour, Math.round(SubjectFactory.clamp(
				40 - 2 * Math.max(0, organs.cardiovascular() - 1.5) + rng.normal(0, 4), 22, 70)));
		measure(Variable.PH, hour, SubjectFactory.clamp(7.35 - acidosis + rng.normal(0, 0.035), 6.9, 7.6));
	}

	private void urineAndInfusion() {
		double end = Math.min(dayStart + 24, subject.dies() ? subject.deathHours() : Double.MAX_VALUE);
		if (end - dayStart < 1) {
			return;
		}
		double renal = organs(dayStart + 12).renal();
		double volume = Physiology.urinePerDay(renal) * StrictMath.exp(rng.normal(0, 0.15)) * (end - dayStart) / 24;
		events.urineOutput(day, at(dayStart), at(end), Math.round(volume / 5) * 5.0);
		if (infusion != null) {
			events.vasopressor(infusion.drug(), day, at(dayStart), at(end), infusion.rate());
			if (infusion.drug() == ClinicalEvents.Vasopressor.NOREPINEPHRINE && infusion.rate() >= VASOPRESSIN_FROM) {
				events.infusion(ClinicalEvents.Drug.VASOPRESSIN, day, at(dayStart), at(end), VASOPRESSIN_RATE);
			}
		}
		if (subject.arm() == Arm.RTM && day <= STUDY_DRUG_DAYS && dayStart + 1.5 <= end) {
			events.studyDrug(day, at(dayStart + 1), at(dayStart + 1.5));
		}
	}

	private SubjectProfile.Organs organs(double hour) {
		SubjectProfile.Organs o = course.organs(hour);
		double[] d = state.organ;
		return new SubjectProfile.Organs(lvl(o.respiration() + d[0]), lvl(o.liver() + d[1]),
				lvl(o.cardiovascular() + d[2]), lvl(o.cns() + d[3]), lvl(o.renal() + d[4]));
	}

	private static double lvl(double value) {
		return SubjectFactory.clamp(value, 0, 4);
	}

	private void measure(Variable variable, double hour, double value) {
		// a minute clear of death, since times are charted to the minute
		if (subject.aliveAt(hour + 1.0 / 60) && hour >= dayStart && hour < dayStart + 24) {
			events.measured(variable, day, at(hour), value);
		}
	}

	private Instant at(double hour) {
		return ClinicalGenerator.at(subject, hour);
	}
}
