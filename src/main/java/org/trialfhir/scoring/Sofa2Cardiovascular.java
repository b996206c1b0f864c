package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * SOFA-2 cardiovascular (docs/scores-spec.md §14.4): the day is cut at every start and end of a qualifying infusion
 * or of mechanical circulatory support, each piece scored from what runs concurrently, and the day takes the worst
 * piece (never maxima of different times combined); MAP &lt; 70 gives 1 when nothing else scores.
 */
final class Sofa2Cardiovascular {

	/** Rows of one drug less than this apart form one infusion episode (E9). */
	static final Duration JOIN_GAP = Duration.ofMinutes(1);
	/** An episode counts when it runs at least this long (footnote j). */
	static final Duration MINIMUM_EPISODE = Duration.ofHours(1);
	static final double LOW = 0.2;
	static final double MEDIUM = 0.4;
	static final double DOPAMINE_LOW = 20;
	static final double DOPAMINE_MEDIUM = 40;
	/** Footnote m, vasoactives unavailable or limited (E2): MAP ≥ 70 → 0, 60–69 → 1, 50–59 → 2, 40–49 → 3, &lt; 40 → 4. */
	static final Bands MAP_ONLY = Bands.atLeast(4, 70, 0, 60, 1, 50, 2, 40, 3);

	private Sofa2Cardiovascular() {
	}

	private enum Role {
		NE_E, DOPAMINE, OTHER
	}

	/** One infusion row with a positive rate; {@code rate} only matters for NE+E (µg/kg/min) and dopamine. */
	private record Row(String agent, Role role, double rate, Instant start, Instant end, String source) {
		boolean runsAt(Instant t) {
			return !t.isBefore(start) && t.isBefore(end);
		}
	}

	static Integer points(DayInputs in, Tally t) {
		List<Row> rows = qualifying(rows(in, t), in.window(), t);
		List<OrganSupport> mcs = in.supports().stream().filter(s -> (s.kind() == OrganSupport.Kind.CIRCULATORY_SUPPORT
				|| s.kind() == OrganSupport.Kind.ECMO_VENOARTERIAL) && s.overlaps(in.window())).toList();
		if (in.supports().stream().anyMatch(s -> s.kind() == OrganSupport.Kind.ECMO_UNSPECIFIED && s.overlaps(in.window()))) {
			t.flag(Flag.ECMO_CONFIGURATION_UNKNOWN, "ECMO without a recorded configuration: not counted as circulatory support");
		}
		if (in.supports().stream().anyMatch(s -> s.kind() == OrganSupport.Kind.RIGHT_VENTRICULAR_ASSIST && s.overlaps(in.window()))) {
			t.flag(Flag.RVAD_NOT_SCORED, "right-ventricular assist device in the day: not counted as circulatory support");
		}
		TreeSet<Instant> cuts = new TreeSet<>(List.of(in.window().start(), in.window().end()));
		for (Row r : rows) {
			cut(cuts, r.start(), in.window());
			cut(cuts, r.end(), in.window());
		}
		for (OrganSupport s : mcs) {
			cut(cuts, s.start(), in.window());
			cut(cuts, s.endOr(in.window().end()), in.window());
		}
		Integer worst = null;
		for (Instant at : cuts.headSet(in.window().end(), false)) {
			List<Row> running = rows.stream().filter(r -> r.runsAt(at)).toList();
			boolean device = mcs.stream().anyMatch(s -> !at.isBefore(s.start()) && at.isBefore(s.endOr(in.window().end())));
			Integer points = device ? Integer.valueOf(4) : segment(running);
			if (points != null) {
				running.forEach(r -> t.useSource(r.source()));
				worst = worst == null ? points : Math.max(worst, points);
			}
		}
		mcs.forEach(s -> t.useSource(s.source()));
		if (!mcs.isEmpty()) {
			t.note("mechanical circulatory support in the day: cardiovascular 4");
		}
		List<Measurement> map = in.inDay(Analyte.MAP);
		if (!map.isEmpty()) {
			Measurement lowest = Worst.min(map);
			boolean ceiling = Sofa2.ceilingOfTreatment(in);
			int mapPoints = ceiling ? MAP_ONLY.score(lowest.value()) : lowest.value() < 70 ? 1 : 0;
			if (ceiling) {
				t.use(in.patient().ceilingOfTreatment());
				t.flag(Flag.CEILING_OF_TREATMENT, "ceiling of treatment recorded for the day: MAP scored with the MAP-only bands");
			}
			if (worst == null || mapPoints > worst) {
				t.use(lowest);
			}
			worst = worst == null ? mapPoints : Math.max(worst, mapPoints);
		}
		return worst;
	}

	/** Points of what runs together; null when nothing runs. */
	private static Integer segment(List<Row> running) {
		double sum = Round.six(running.stream().filter(r -> r.role() == Role.NE_E).mapToDouble(Row::rate).sum());
		double dopamine = Round.six(running.stream().filter(r -> r.role() == Role.DOPAMINE).mapToDouble(Row::rate).sum());
		boolean other = running.stream().anyMatch(r -> r.role() == Role.OTHER);
		if (sum > 0) {
			int points = sum > MEDIUM ? 4 : sum > LOW ? 3 : 2;
			return other || dopamine > 0 ? Math.min(4, points + 1) : points; // E7: dopamine beside NE/E is "other"
		}
		if (dopamine > 0) {
			int points = dopamine > DOPAMINE_MEDIUM ? 4 : dopamine > DOPAMINE_LOW ? 3 : 2;
			return other ? Math.min(4, points + 1) : points; // E7
		}
		return other ? 2 : null;
	}

	private static List<Row> rows(DayInputs in, Tally t) {
		Instant openEnd = in.window().end();
		List<Row> rows = new ArrayList<>();
		for (VasopressorInfusion v : in.vasopressors()) {
			if (v.rateUgPerKgMin() <= 0) {
				continue;
			}
			Role role = switch (v.agent()) {
				case NOREPINEPHRINE, EPINEPHRINE -> Role.NE_E;
				case DOPAMINE -> Role.DOPAMINE;
				case DOBUTAMINE -> Role.OTHER;
			};
			Instant end = v.end() != null ? v.end() : v.start().isAfter(openEnd) ? v.start() : openEnd;
			double rate = v.agent() == Vasopressor.NOREPINEPHRINE ? asBase(v, in.site(), t) : v.rateUgPerKgMin();
			rows.add(new Row(v.agent().name(), role, rate, v.start(), end, v.source()));
		}
		for (DrugExposure d : in.drugs()) {
			if (d.kind() == DrugExposure.Kind.OTHER_VASOACTIVE) {
				rows.add(new Row(d.agent(), Role.OTHER, 0, d.start(), d.endOr(openEnd), d.source()));
			}
		}
		return rows;
	}

	/**
	 * Norepinephrine as base (footnote k, E10): a product code the site maps to a salt divides the rate by the salt's
	 * factor; a product code it does not know is taken as base and flagged; the trial's RxNorm codes are base.
	 */
	private static double asBase(VasopressorInfusion v, SiteSettings site, Tally t) {
		for (String code : v.productCodes()) {
			NorepinephrineSalt salt = site.norepinephrineProducts().get(code);
			if (salt != null) {
				return Round.six(v.rateUgPerKgMin() / salt.mgPerMgBase());
			}
		}
		if (!v.productCodes().isEmpty()) {
			t.flag(Flag.NOREPINEPHRINE_SALT_UNKNOWN, "norepinephrine " + v.source() + ": product " + v.productCodes()
					+ " not in the site's product table, rate taken as base");
		}
		return v.rateUgPerKgMin();
	}

	/** Rows of episodes (same drug, gaps ≤ 1 min joined) that last ≥ 1 h (footnote j, E9). */
	private static List<Row> qualifying(List<Row> rows, DayWindow window, Tally t) {
		Map<String, List<Row>> byAgent = new LinkedHashMap<>();
		rows.forEach(r -> byAgent.computeIfAbsent(r.agent(), a -> new ArrayList<>()).add(r));
		List<Row> result = new ArrayList<>();
		for (List<Row> agentRows : byAgent.values()) {
			List<Interval> episodes = Interval.merged(agentRows.stream()
					.map(r -> new Interval(r.start(), r.end(), r.source())).toList(), JOIN_GAP);
			for (Row r : agentRows) {
				Interval episode = episodes.stream().filter(e -> !r.start().isBefore(e.start())
						&& !r.start().isAfter(e.end())).findFirst().orElseThrow();
				if (episode.length().compareTo(MINIMUM_EPISODE) >= 0) {
					result.add(r);
				} else if (r.start().isBefore(window.end()) && r.end().isAfter(window.start())) {
					t.note(r.agent().toLowerCase(Locale.ROOT) + " " + r.source()
							+ ": infusion episode shorter than 1 h, not counted");
				}
			}
		}
		return result;
	}

	private static void cut(TreeSet<Instant> cuts, Instant at, DayWindow window) {
		if (at.isAfter(window.start()) && at.isBefore(window.end())) {
			cuts.add(at);
		}
	}
}
