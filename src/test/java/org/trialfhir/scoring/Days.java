package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test fixtures: study day 1 starts at T0 = 2025-03-01T08:00Z; times are hours after T0. */
final class Days {

	static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
	static final DayWindow DAY1 = DayWindow.studyDay(T0, 1);
	private static final AtomicInteger IDS = new AtomicInteger();

	private Days() {
	}

	static Instant hour(double h) {
		return T0.plus(Duration.ofSeconds(Math.round(h * 3600)));
	}

	static DayInputs.Builder day() {
		return DayInputs.builder(DAY1);
	}

	static Measurement m(double value, double hour) {
		return Measurement.of("Observation/" + IDS.incrementAndGet(), hour(hour), value);
	}

	static Measurement m(String source, double value, double hour) {
		return Measurement.of(source, hour(hour), value);
	}

	/** A day with the given values of one analyte, at hours 1, 2, 3, … */
	static DayInputs with(Analyte analyte, double... values) {
		DayInputs.Builder b = day();
		for (int i = 0; i < values.length; i++) {
			b.add(analyte, m(values[i], i + 1));
		}
		return b.build();
	}

	/** A gas at {@code hour}; null members are absent. */
	static ArterialGas gas(double hour, Double pao2, Double fio2, Double paco2, Double ph, Boolean onSupport) {
		return new ArterialGas(hour(hour), opt(pao2, hour), opt(paco2, hour), opt(ph, hour), opt(fio2, hour), null,
				onSupport);
	}

	private static Measurement opt(Double value, double hour) {
		return value == null ? null : m(value, hour);
	}

	static VasopressorInfusion infusion(Vasopressor agent, double rate, double fromHour, double toHour) {
		return new VasopressorInfusion(agent, rate, hour(fromHour), hour(toHour),
				"MedicationAdministration/" + IDS.incrementAndGet());
	}

	static UrineOutput urine(double fromHour, double toHour, double ml) {
		return new UrineOutput(hour(fromHour), hour(toHour), ml, "Observation/urine-" + IDS.incrementAndGet());
	}
}
