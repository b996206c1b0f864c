package org.trialfhir.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Walks one subject through the study days and reports every measurement, infusion, support period, eCRF
 * item and bleeding event to a {@link ClinicalEvents}. Nothing is kept between days but a few numbers, so a
 * subject of any length streams.
 *
 * <p>Schedule within study day d (hours after T0 + 24(d−1), each with a little jitter): vitals HR, RR,
 * temperature, MAP, SpO₂ every 6 h from 0.5 h; GCS at 2 h and 14 h; arterial gases (PaO₂, FiO₂, PaCO₂, pH,
 * one shared time) at 1 h and 12 h; morning labs at 1.5 h; a second platelet count at 13.5 h (serial counts
 * for the JAAM 24-h fall); mediators on days 1, 3 and 7; urine output over the whole day; daily eCRF items
 * (bleeding, organ-failure) at 20 h. Nothing is recorded after death.
 */
final class ClinicalGenerator {
	private final SubjectProfile subject;
	private final Course course;
	private final int days;
	private final Rng noise;

	ClinicalGenerator(SubjectProfile subject, int days, long seed) {
		this.subject = subject;
		this.course = new Course(subject);
		this.days = days;
		this.noise = Rng.of(seed, subject.number(), Streams.MEASUREMENT);
	}

	void generate(ClinicalEvents events) {
		Rng dayNoise = Rng.of(0, noise.nextLong(), Streams.COURSE);
		new BaselineItems(subject).report(events);
		Support support = Support.of(subject, course, days);
		support.report(subject, events);
		OrganSupports.report(subject, course, support, days, events);
		DayState state = new DayState(noise);
		for (int day = 1; day <= days && subject.aliveAt(24.0 * (day - 1)); day++) {
			state.nextDay(dayNoise);
			DayRecorder recorder = new DayRecorder(subject, course, state, support, noise, events, day);
			recorder.record();
		}
		new BleedingEvents(subject, Rng.of(0, noise.nextLong(), Streams.EVENTS)).report(events);
	}

	/** Hours after T0 as an instant, to the minute (charting resolution). */
	static Instant at(SubjectProfile subject, double hours) {
		return subject.t0().plus(Duration.ofMinutes(Math.round(hours * 60)));
	}

	/**
	 * Day-to-day deviations of the latent state (AR(1), so bad days cluster) and subject-level offsets.
	 */
	static final class DayState {
		final double[] organ = new double[5];
		double platelets;
		double dic;
		double inflammation;
		final double sodiumOffset;
		final double hematocritOffset;

		DayState(Rng rng) {
			sodiumOffset = rng.normal(0, 5);
			hematocritOffset = rng.normal(0, 3);
		}

		void nextDay(Rng rng) {
			for (int i = 0; i < organ.length; i++) {
				organ[i] = 0.5 * organ[i] + rng.normal(0, 0.25);
			}
			platelets = 0.5 * platelets + rng.normal(0, 0.08);
			dic = 0.5 * dic + rng.normal(0, 0.12);
			inflammation = 0.5 * inflammation + rng.normal(0, 0.1);
		}
	}
}
