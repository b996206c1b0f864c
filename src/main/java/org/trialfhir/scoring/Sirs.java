package org.trialfhir.scoring;

import java.util.List;

/**
 * SIRS criteria count (ACCP/SCCM Consensus Conference, Bone et al., Crit Care Med 1992;20:864–874; strict
 * inequalities as mimic-code {@code score/sirs.sql}). docs/scores-spec.md §5.
 *
 * <p>Variables: temperature (min, max), heart rate (max), respiratory rate (max) or arterial PaCO₂ (min), WBC
 * (min, max) or band forms (max). Window: the day. Missing: a criterion with no data in any of its arms is null,
 * listed, and counts 0; a criterion with data in one arm is scored from that arm.
 */
public final class Sirs {

	private Sirs() {
	}

	public static SirsResult score(DayInputs in) {
		Tally t = new Tally(in, "temperature", "heart_rate", "resp_rate", "paco2", "wbc", "bands_pct");
		List<Measurement> temp = in.inDay(Analyte.TEMPERATURE);
		List<Measurement> hr = in.inDay(Analyte.HEART_RATE);
		List<Measurement> rr = in.inDay(Analyte.RESP_RATE);
		List<Measurement> paco2 = in.gasesInDay().stream().map(ArterialGas::paco2).filter(m -> m != null).toList();
		List<Measurement> wbc = in.inDay(Analyte.WBC);
		List<Measurement> bands = in.inDay(Analyte.BANDS_PCT);
		List.of(temp, hr, rr, paco2, wbc, bands).forEach(t::use);

		t.component("temperature", temp.isEmpty() ? null
				: met(Worst.max(temp).value() > 38 || Worst.min(temp).value() < 36));
		t.component("heart_rate", hr.isEmpty() ? null : met(Worst.max(hr).value() > 90));
		t.component("respiratory", rr.isEmpty() && paco2.isEmpty() ? null
				: met(!rr.isEmpty() && Worst.max(rr).value() > 20
						|| !paco2.isEmpty() && Worst.min(paco2).value() < 32));
		t.component("wbc", wbc.isEmpty() && bands.isEmpty() ? null
				: met(!wbc.isEmpty() && (Worst.max(wbc).value() > 12 || Worst.min(wbc).value() < 4)
						|| !bands.isEmpty() && Worst.max(bands).value() > 10));
		return new SirsResult(t.sum(), t.components(), t.missing(), t.flags(), t.notes(), t.sources());
	}

	private static int met(boolean criterion) {
		return criterion ? 1 : 0;
	}
}
