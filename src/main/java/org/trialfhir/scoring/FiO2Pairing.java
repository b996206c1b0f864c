package org.trialfhir.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The FiO₂ in force at each gas of the day (docs/scores-spec.md §1.2, after mimic-code {@code measurement/bg.sql}):
 * the FiO₂ reported with the gas, else the most recent charted FiO₂ no more than 4 h before the gas (a charted
 * value at the gas time counts). FiO₂ outside 0.21–1.0 is implausible (e.g. an O₂ flow or a % sent as a
 * fraction): dropped and flagged.
 */
final class FiO2Pairing {

	static final double MIN_FIO2 = 0.21;
	static final double MAX_FIO2 = 1.0;
	static final Duration LOOK_BACK = Duration.ofHours(4);

	/** A gas and the FiO₂ paired with it (null when none). */
	record PairedGas(ArterialGas gas, Measurement fio2) {
	}

	private FiO2Pairing() {
	}

	static List<PairedGas> pair(DayInputs in, Tally tally) {
		List<PairedGas> paired = new ArrayList<>();
		for (ArterialGas gas : in.gasesInDay()) {
			Measurement fio2 = gas.fio2();
			if (fio2 != null && !plausible(fio2)) {
				implausible(fio2, tally);
				fio2 = null;
			}
			if (fio2 == null) {
				fio2 = latestCharted(in.all(Analyte.FIO2), gas, tally);
			}
			paired.add(new PairedGas(gas, fio2));
		}
		return paired;
	}

	static boolean plausible(Measurement fio2) {
		return fio2.value() >= MIN_FIO2 && fio2.value() <= MAX_FIO2;
	}

	private static Measurement latestCharted(List<Measurement> charted, ArterialGas gas, Tally tally) {
		Measurement latest = null;
		for (Measurement m : charted) {
			boolean inLookBack = !m.time().isAfter(gas.time())
					&& !m.time().isBefore(gas.time().minus(LOOK_BACK));
			if (!inLookBack) {
				continue;
			}
			if (!plausible(m)) {
				implausible(m, tally);
			} else if (latest == null || m.time().isAfter(latest.time())) {
				latest = m;
			}
		}
		return latest;
	}

	private static void implausible(Measurement fio2, Tally tally) {
		tally.flag(Flag.FIO2_IMPLAUSIBLE, "FiO2 " + fio2.value() + " at " + fio2.time()
				+ " is outside 0.21-1.0 and was not used " + fio2.sources());
	}
}
