package org.trialfhir.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One arterial blood gas: the members drawn together, at one time (docs/api.md §4, arterial blood gas: one
 * Observation per member sharing one {@code effectiveDateTime}). Every member is nullable.
 *
 * @param pao2      PaO₂, mm[Hg] (LOINC 2703-7)
 * @param paco2     PaCO₂, mm[Hg] (2019-8)
 * @param ph        arterial pH, [pH] (2744-1)
 * @param fio2      FiO₂ reported with the gas, fraction 0.21–1.0 (3150-0); when null the latest charted
 *                  {@link Analyte#FIO2} ≤ 4 h before the gas is paired (docs/scores-spec.md §1.2)
 * @param pfRatio   reported P/F (Horowitz) index, mm[Hg] (50984-4); used by SOFA only when PaO₂/FiO₂ cannot be
 *                  computed
 * @param onSupport invasive ventilation or NIV/CPAP at the gas time (D4); null = unknown, scored as no support
 *                  and flagged
 */
public record ArterialGas(Instant time, Measurement pao2, Measurement paco2, Measurement ph, Measurement fio2,
		Measurement pfRatio, Boolean onSupport) {

	public ArterialGas {
		Objects.requireNonNull(time, "time");
	}

	/**
	 * Groups arterial gas members into gases by identical time. A gas exists at every time that has a PaO₂,
	 * PaCO₂, pH or P/F; a FiO₂ at exactly that time is the gas's own FiO₂ (other FiO₂ values are charted
	 * values: pass them as {@link Analyte#FIO2}). {@code supportAt} gives the support status at a time
	 * (null = unknown).
	 */
	public static List<ArterialGas> groupByTime(List<Measurement> pao2, List<Measurement> paco2,
			List<Measurement> ph, List<Measurement> pfRatio,
			List<Measurement> fio2, Function<Instant, Boolean> supportAt) {
		Map<Instant, Measurement[]> byTime = new TreeMap<>();
		List<List<Measurement>> members = List.of(pao2, paco2, ph, pfRatio);
		for (int i = 0; i < members.size(); i++) {
			for (Measurement m : members.get(i)) {
				Measurement[] slots = byTime.computeIfAbsent(m.time(), t -> new Measurement[5]);
				slots[i] = worse(slots[i], m, i);
			}
		}
		for (Measurement m : fio2) {
			Measurement[] slots = byTime.get(m.time());
			if (slots != null) {
				slots[4] = slots[4] == null || m.value() > slots[4].value() ? m : slots[4]; // higher = worse P/F
			}
		}
		List<ArterialGas> gases = new ArrayList<>();
		byTime.forEach((t, s) -> gases.add(new ArterialGas(t, s[0], s[1], s[2], s[4], s[3], supportAt.apply(t))));
		return gases;
	}

	/** A duplicate member at one instant: keep the lower PaO₂ or P/F (the worse oxygenation), else the first. */
	private static Measurement worse(Measurement current, Measurement candidate, int member) {
		if (current == null) {
			return candidate;
		}
		boolean lowerIsWorse = member == 0 || member == 3;
		return lowerIsWorse && candidate.value() < current.value() ? candidate : current;
	}
}
