package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kaplan-Meier survival with Greenwood's variance and the log-scale 95% interval, as R's
 * {@code summary(survfit(Surv(time, event) ~ 1))} with its defaults (conf.type = "log").
 *
 * <p>Sources: Kaplan &amp; Meier (1958), JASA 53:457; Greenwood (1926), Rep. Public Health Med.
 * Subj. 33; Therneau &amp; Grambsch, <i>Modeling Survival Data</i> (2000), §2.1; survival 3.5
 * {@code survfit}: at each death time tⱼ with nⱼ at risk (censored at tⱼ still at risk) and dⱼ
 * deaths, S = Π(1 − dⱼ/nⱼ), v = Σ dⱼ/(nⱼ(nⱼ − dⱼ)), se(S) = S·√v,
 * CI = [S·exp(−z√v), min(1, S·exp(z√v))], z = qnorm(0.975); no interval once S = 0.
 */
public final class KaplanMeier {

	private KaplanMeier() {
	}

	public static KaplanMeierCurve estimate(List<TimeToEvent> subjects) {
		final List<TimeToEvent> sorted = new ArrayList<>(subjects);
		sorted.sort(Comparator.comparingDouble(TimeToEvent::time));
		final List<KaplanMeierStep> steps = new ArrayList<>();
		double survival = 1;
		double greenwood = 0;
		int deaths = 0;
		int i = 0;
		while (i < sorted.size()) {
			final double time = sorted.get(i).time();
			final int atRisk = sorted.size() - i;
			int d = 0;
			int j = i;
			while (j < sorted.size() && sorted.get(j).time() == time) {
				d += sorted.get(j).event() ? 1 : 0;
				j++;
			}
			if (d > 0) {
				deaths += d;
				survival *= 1 - (double) d / atRisk;
				greenwood += (double) d / ((double) atRisk * (atRisk - d));
				steps.add(step(time, atRisk, d, survival, greenwood));
			}
			i = j;
		}
		final List<String> notes = new ArrayList<>();
		if (sorted.isEmpty()) {
			notes.add("no subjects");
		} else if (deaths == 0) {
			notes.add("no deaths: survival stays 1 and there is no death time to report");
		}
		return new KaplanMeierCurve(sorted.size(), deaths, steps, notes);
	}

	private static KaplanMeierStep step(double time, int atRisk, int deaths, double survival, double greenwood) {
		if (survival == 0) {
			return new KaplanMeierStep(time, atRisk, deaths, 0, null, null, null);
		}
		final double logSe = Math.sqrt(greenwood);
		final double logS = Math.log(survival);
		return new KaplanMeierStep(time, atRisk, deaths, survival, survival * logSe,
				Math.exp(logS - Normal.Z_975 * logSe), Math.min(1, Math.exp(logS + Normal.Z_975 * logSe)));
	}
}
