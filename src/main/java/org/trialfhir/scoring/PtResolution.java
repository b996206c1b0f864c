package org.trialfhir.scoring;

import java.util.List;

/**
 * PT inputs of the DIC scores (docs/scores-spec.md §1.8, D16). PT ratio (JAAM, JMHW): explicit ratio → highest PT s ÷
 * control s → INR as a flagged surrogate if the site allows it. ISTH prolongation: highest PT s − control s, else
 * (highest ratio − 1) × control s; never INR. PT activity % is never used.
 */
final class PtResolution {

	private PtResolution() {
	}

	/** The day's highest PT ratio, or null. */
	static Double ratio(DayInputs in, Tally tally) {
		List<Measurement> ratios = in.inDay(Analyte.PT_RATIO);
		if (!ratios.isEmpty()) {
			tally.use(ratios);
			return Worst.max(ratios).value();
		}
		Double control = in.site().ptControlSeconds();
		List<Measurement> seconds = in.inDay(Analyte.PT_S);
		if (!seconds.isEmpty()) {
			if (control != null) {
				tally.use(seconds);
				return Round.six(Worst.max(seconds).value() / control);
			}
			tally.flag(Flag.PT_CONTROL_MISSING, "PT seconds present but no PT control seconds set for the site");
		}
		List<Measurement> inrs = in.inDay(Analyte.INR);
		if (!inrs.isEmpty()) {
			if (in.site().allowInrForPtRatio()) {
				tally.use(inrs);
				double inr = Worst.max(inrs).value();
				tally.flag(Flag.INR_FOR_PT_RATIO, "PT ratio taken from INR " + inr + " (surrogate, D16)");
				return inr;
			}
			tally.note("INR present but the site does not allow it as PT ratio");
		}
		return null;
	}

	/** The day's highest PT prolongation over the control in seconds, or null. */
	static Double prolongationSeconds(DayInputs in, Tally tally) {
		List<Measurement> seconds = in.inDay(Analyte.PT_S);
		List<Measurement> ratios = in.inDay(Analyte.PT_RATIO);
		Double control = in.site().ptControlSeconds();
		if (control == null) {
			if (!seconds.isEmpty() || !ratios.isEmpty()) {
				tally.flag(Flag.PT_CONTROL_MISSING, "PT present but no PT control seconds set for the site");
			}
			return null;
		}
		if (!seconds.isEmpty()) {
			tally.use(seconds);
			return Round.six(Worst.max(seconds).value() - control);
		}
		if (!ratios.isEmpty()) {
			tally.use(ratios);
			return Round.six((Worst.max(ratios).value() - 1) * control);
		}
		return null;
	}
}
