package org.trialfhir.interim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.interim.InterimResult.Power;
import org.trialfhir.interim.InterimResult.Statistic;
import org.trialfhir.stats.ConditionalPower;
import org.trialfhir.stats.GroupSequential;
import org.trialfhir.stats.GroupSequential.Boundary;

/** The look itself, on data already read: pure, so that every number can be checked by hand (docs/interim.md). */
final class InterimLook {

	static final String CONTINUE = "continue";
	static final String EFFICACY = "efficacy-boundary-crossed";
	static final String HARM = "harm-boundary-crossed";

	private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

	private InterimLook() {
	}

	/**
	 * @param recorded  the looks recorded so far, in look order
	 * @param weights   each arm's allocation weight, in ResearchStudy.arm order
	 * @param armsShown false for a blinded study read without the {@code unblinded} scope
	 */
	static InterimResult run(String studyId, String title, boolean blinded, GroupSequentialDesign design, List<RecordedLook> recorded,
			InterimRequest request, Outcomes outcomes, List<Integer> weights, boolean armsShown) {
		List<String> notes = new ArrayList<>();
		int look = request.look() != null ? request.look() : recorded.size() + 1;
		double fraction;
		if (request.informationFraction() != null) {
			fraction = request.informationFraction();
		} else {
			fraction = Math.min(1, outcomes.withOutcome() / (double) design.plannedSubjects());
			if (outcomes.withOutcome() > design.plannedSubjects()) {
				notes.add(outcomes.withOutcome() + " subjects have an outcome, more than the " + design.plannedSubjects()
						+ " planned: information fraction 1 (the final look)");
			}
		}
		if (outcomes.withdrawn() > 0) {
			notes.add(outcomes.withdrawn() + " subject(s) withdrawn or lost before day " + outcomes.mortalityDay()
					+ " without a recorded death: outcome unknown, left out of the statistic");
		}
		if (fraction == 0) {
			notes.add("No subject has a known day-" + outcomes.mortalityDay() + " outcome yet: the statistic, conditional "
					+ "power and decision need at least one; the boundaries are the planned ones.");
			List<Boundary> planned = GroupSequential.boundaries(design.spending(), design.alpha(), design.rateArray());
			return new InterimResult(studyId, title, blinded, design, look, 0, planned, recorded, outcomes, armsShown, null, null,
					null, notes);
		}
		double[] rates = rates(design, recorded, look, fraction, notes);
		List<Boundary> boundaries = GroupSequential.boundaries(design.spending(), design.alpha(), rates);
		Boundary current = boundaries.get(look - 1);
		Boundary last = boundaries.get(boundaries.size() - 1);
		if (!armsShown) {
			notes.add("The study is blinded: the statistic, conditional power and decision need a token with the "
					+ "'unblinded' scope; only the design, the pooled counts and the information fraction are shown.");
			return new InterimResult(studyId, title, blinded, design, look, fraction, boundaries, recorded, outcomes, false, null,
					null, null, notes);
		}
		Statistic statistic = statistic(outcomes, current.z());
		if (statistic == null) {
			notes.add("An arm has no subject with a known outcome yet: no statistic.");
			return new InterimResult(studyId, title, blinded, design, look, fraction, boundaries, recorded, outcomes, true, null,
					null, null, notes);
		}
		String decision = decision(statistic.z(), current.z());
		notes.add("The decision is advisory: the Data and Safety Monitoring Board decides, weighing safety, "
				+ "consistency and external evidence.");
		Power power = fraction < 1 && statistic.z() != null
				? power(design, outcomes, statistic.z(), fraction, last.z(), weights)
				: null;
		if (power == null) {
			notes.add(fraction >= 1 ? "Final look: no conditional power." : "No conditional power without a statistic.");
		}
		return new InterimResult(studyId, title, blinded, design, look, fraction, boundaries, recorded, outcomes, true, statistic,
				power, decision, notes);
	}

	/**
	 * The information fractions of the looks: the recorded ones before this look (the planned one where a look was not
	 * recorded), this look's, then the planned looks after it that lie beyond it (the final, 1, at least).
	 */
	static double[] rates(GroupSequentialDesign design, List<RecordedLook> recorded, int look, double fraction,
			List<String> notes) {
		List<Double> rates = new ArrayList<>();
		for (int earlier = 1; earlier < look; earlier++) {
			int index = earlier;
			Double rate = recorded.stream().filter(r -> r.look() == index).map(RecordedLook::informationFraction)
					.findFirst().orElse(null);
			if (rate == null) {
				if (earlier > design.rates().size()) {
					throw TrialFhirException.unprocessable("look " + look + " needs look " + earlier + ", which is "
							+ "neither recorded nor planned; record the looks in order (record=true)");
				}
				rate = design.rates().get(earlier - 1);
				notes.add("look " + earlier + " is not recorded: its planned information fraction " + rate + " is used");
			}
			if (!rates.isEmpty() && rate <= rates.get(rates.size() - 1)) {
				throw TrialFhirException.unprocessable("the information fractions of looks 1 to " + earlier
						+ " do not increase");
			}
			rates.add(rate);
		}
		if (!rates.isEmpty() && fraction <= rates.get(rates.size() - 1)) {
			throw new TrialFhirException(TrialFhirException.Kind.UNPROCESSABLE, "look " + look + " has information "
					+ "fraction " + fraction + ", not beyond look " + (look - 1) + "'s " + rates.get(rates.size() - 1),
					"information-fraction");
		}
		if (rates.contains(1.0)) {
			throw TrialFhirException.unprocessable("look " + (rates.indexOf(1.0) + 1) + " was the final look "
					+ "(information fraction 1); there is no look " + look);
		}
		rates.add(fraction);
		if (fraction < 1) {
			for (int later = look; later < design.rates().size(); later++) {
				if (design.rates().get(later) > fraction) {
					rates.add(design.rates().get(later));
				}
			}
			if (rates.get(rates.size() - 1) != 1) {
				rates.add(1.0);
			}
		}
		double planned = look <= design.rates().size() ? design.rates().get(look - 1) : Double.NaN;
		if (planned != fraction) {
			notes.add("The boundaries are recomputed on the actual information fractions (Lan-DeMets: α spent at the "
					+ "observed fraction)" + (Double.isNaN(planned) ? "" : "; look " + look + " was planned at "
							+ planned));
		}
		return rates.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/** Null when an arm has no subject with an outcome. */
	static Statistic statistic(Outcomes outcomes, double critical) {
		Outcomes.ArmOutcome first = outcomes.arms().get(0);
		Outcomes.ArmOutcome second = outcomes.arms().get(1);
		int n1 = first.n();
		int n2 = second.n();
		if (n1 == 0 || n2 == 0) {
			return null;
		}
		List<String> notes = new ArrayList<>();
		double p1 = first.deaths() / (double) n1;
		double p2 = second.deaths() / (double) n2;
		double pooled = (first.deaths() + second.deaths()) / (double) (n1 + n2);
		double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
		Double z = null;
		Double p = null;
		if (pooledSe > 0) {
			z = (p1 - p2) / pooledSe;
			p = 2 * STANDARD.survivalProbability(Math.abs(z));
		} else {
			notes.add(pooled == 0 ? "no deaths in either arm: z is not defined" : "every subject died: z is not defined");
		}
		double rd = p1 - p2;
		double se = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
		Double lower = null;
		Double upper = null;
		if (Double.isInfinite(critical)) {
			notes.add("no stop is possible at this look (infinite boundary): the repeated confidence interval is "
					+ "unbounded");
		} else {
			lower = rd - critical * se;
			upper = rd + critical * se;
			if (se == 0) {
				notes.add("the unpooled standard error is 0 (each arm all alive or all dead): the repeated confidence "
						+ "interval has no width");
			}
		}
		return new Statistic(n1, first.deaths(), n2, second.deaths(), z, p, rd, lower, upper, notes);
	}

	/** Negative z favours the first arm (fewer deaths): crossing −c_k is efficacy, +c_k harm. */
	static String decision(Double z, double critical) {
		if (z == null || Double.isInfinite(critical)) {
			return CONTINUE;
		}
		if (z <= -critical) {
			return EFFICACY;
		}
		return z >= critical ? HARM : CONTINUE;
	}

	static Power power(GroupSequentialDesign design, Outcomes outcomes, double z, double t, double finalCritical,
			List<Integer> weights) {
		double benefit = -z;
		List<String> notes = new ArrayList<>();
		double trend = ConditionalPower.of(benefit, t, finalCritical, ConditionalPower.currentTrendDrift(benefit, t));
		double nul = ConditionalPower.of(benefit, t, finalCritical, 0);
		Double underDesign = null;
		if (design.assumedMortality().isEmpty()) {
			notes.add("under-design needs assumed-mortality for each arm in the study's design");
		} else {
			double total = weights.get(0) + weights.get(1);
			double n1 = design.plannedSubjects() * weights.get(0) / total;
			double n2 = design.plannedSubjects() * weights.get(1) / total;
			double p1 = design.assumedMortality().get(outcomes.arms().get(0).name());
			double p2 = design.assumedMortality().get(outcomes.arms().get(1).name());
			double mean = (p1 + p2) / 2;
			double scale = Math.sqrt(mean * (1 - mean) * (1 / n1 + 1 / n2));
			if (scale > 0) {
				underDesign = ConditionalPower.of(benefit, t, finalCritical, (p2 - p1) / scale);
			} else {
				notes.add("the assumed mortalities are both 0 or both 1: no design effect");
			}
		}
		return new Power(trend, nul, underDesign, notes);
	}
}
