package org.trialfhir.completeness;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Timing;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.units.TrialVariable;

/**
 * The study's schedule of activities (docs/data-quality.md): a PlanDefinition of profile TrialScheduleOfActivities
 * read into {@link ExpectedItem}s, the rTM trial's schedule built as such a PlanDefinition, and the schedule a study
 * without one gets. Codes are taken from {@link TrialVariable}, never written here.
 */
public final class ScheduleOfActivities {

	public static final String PROFILE = "http://trialfhir.org/fhir/StructureDefinition/TrialScheduleOfActivities";
	public static final String RTM_ID = "rtm-schedule";
	static final String T0_ACTION = "t0";
	static final String VITAL_STATUS = "http://trialfhir.org/fhir/CodeSystem/trial-ecrf|vital-status";
	private static final String UCUM = "http://unitsofmeasure.org";
	/** Variables that stand in for each other in the scores: any one of a group satisfies it. */
	private static final List<List<TrialVariable>> ALTERNATIVES = List.of(
			List.of(TrialVariable.PT_S, TrialVariable.PT_RATIO, TrialVariable.INR),
			List.of(TrialVariable.FDP, TrialVariable.D_DIMER));
	private static final int FIRST_DAY = 1;
	private static final int LAST_DAILY_DAY = 10;
	/** A schedule is read for every request: a day beyond this is a typo, not a plan. */
	private static final int LAST_PLANNED_DAY = 400;

	private ScheduleOfActivities() {
	}

	/**
	 * The rTM septic DIC trial's schedule: vital signs at least every 4 h and the score labs daily on days 1–10,
	 * the mediators on days 1, 3, 7 and 10, the vital status at day 28.
	 */
	public static PlanDefinition rtm() {
		PlanDefinition plan = new PlanDefinition();
		plan.setId(RTM_ID);
		plan.getMeta().addProfile(PROFILE);
		plan.setUrl("http://trialfhir.org/fhir/PlanDefinition/" + RTM_ID);
		plan.setName("RtmScheduleOfActivities");
		plan.setTitle("Schedule of activities: rTM versus standard care in septic DIC");
		plan.setStatus(Enumerations.PublicationStatus.ACTIVE);
		plan.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/plan-definition-type",
				"clinical-protocol", "Clinical Protocol")));
		plan.addAction().setTitle("Randomization (T0)").setId(T0_ACTION);
		action(plan, "vital-signs", "Vital signs, at least every 4 h, days 1-10", 6, range(FIRST_DAY, LAST_DAILY_DAY),
				variables(TrialVariable.TEMPERATURE), variables(TrialVariable.HEART_RATE),
				variables(TrialVariable.RESP_RATE), variables(TrialVariable.MAP));
		action(plan, "score-labs", "Score laboratory values, daily, days 1-10", 1, range(FIRST_DAY, LAST_DAILY_DAY),
				variables(TrialVariable.PLATELETS), variables(ALTERNATIVES.get(0)), variables(ALTERNATIVES.get(1)), variables(TrialVariable.FIBRINOGEN),
				variables(TrialVariable.CREATININE), variables(TrialVariable.BILIRUBIN), variables(TrialVariable.WBC),
				variables(TrialVariable.PAO2), variables(TrialVariable.PACO2), variables(TrialVariable.PH),
				variables(TrialVariable.FIO2));
		PlanDefinitionActionComponent mediators = action(plan, "mediators", "Mediators, days 1, 3, 7 and 10", 1, null,
				variables(TrialVariable.TNF_ALPHA), variables(TrialVariable.IL1_BETA), variables(TrialVariable.IL6),
				variables(TrialVariable.HMGB1), variables(TrialVariable.SOLUBLE_THROMBOMODULIN),
				variables(TrialVariable.PROTEIN_C), variables(TrialVariable.PROTEIN_S));
		for (int day : new int[] {1, 3, 7, 10}) {
			mediators.addAction().setTitle("Day " + day).setTiming(timing(1, range(day, day))).setId("mediators-day-" + day);
		}
		String[] vitalStatus = VITAL_STATUS.split("\\|");
		action(plan, "vital-status", "Vital status at day 28", 1, range(28, 28),
				new CodeableConcept(new Coding(vitalStatus[0], vitalStatus[1], "Vital status")));
		return plan;
	}

	/**
	 * Without a PlanDefinition: every input of every score, daily, days 1–10 — one item per scored variable, but
	 * one for the prothrombin time however reported (seconds, ratio or INR) and one for FDP or D-dimer, as the
	 * scores take either.
	 */
	static List<ExpectedItem> everyScoreInput() {
		SortedSet<Integer> days = days(FIRST_DAY, LAST_DAILY_DAY);
		List<ExpectedItem> items = new ArrayList<>();
		for (TrialVariable variable : TrialVariable.values()) {
			List<TrialVariable> group = ALTERNATIVES.stream().filter(g -> g.contains(variable)).findFirst()
					.orElse(List.of(variable));
			if (variable.scored() && group.get(0) == variable) {
				List<String> codes = group.stream().flatMap(v -> codes(v).stream()).toList();
				String label = group.stream().map(TrialVariable::id).reduce((a, b) -> a + " or " + b).orElseThrow();
				items.add(new ExpectedItem(key(variable), label, codes, days, 1, false));
			}
		}
		return items;
	}

	/** The expected items of a schedule PlanDefinition; 422 naming the action when one cannot be read. */
	static List<ExpectedItem> read(PlanDefinition plan) {
		Map<String, ExpectedItem> items = new LinkedHashMap<>();
		read(plan.getAction(), "PlanDefinition.action", plan.getIdElement().toUnqualifiedVersionless().getValue(),
				items);
		return List.copyOf(items.values());
	}

	private static void read(List<PlanDefinitionActionComponent> actions, String path, String plan,
			Map<String, ExpectedItem> into) {
		for (int i = 0; i < actions.size(); i++) {
			PlanDefinitionActionComponent action = actions.get(i);
			String where = path + "[" + i + "]";
			if (!action.hasCode()) {
				read(action.getAction(), where + ".action", plan, into);
				continue;
			}
			List<Timing> timings = new ArrayList<>();
			if (action.hasTimingTiming()) {
				timings.add(action.getTimingTiming());
			} else {
				action.getAction().forEach(sub -> timings.add(sub.hasTimingTiming() ? sub.getTimingTiming() : null));
			}
			if (timings.isEmpty() || timings.contains(null)) {
				throw unreadable(plan, where, "an action with a code needs a timingTiming, or sub-actions that each have one");
			}
			SortedSet<Integer> days = new TreeSet<>();
			int perDay = 1;
			for (Timing timing : timings) {
				days.addAll(days(timing, plan, where));
				perDay = Math.max(perDay, perDay(timing, plan, where));
			}
			for (CodeableConcept code : action.getCode()) {
				List<String> codes = code.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode())
						.map(c -> c.getSystem() + "|" + c.getCode()).toList();
				if (codes.isEmpty()) {
					throw unreadable(plan, where + ".code", "each code needs a coding with a system and a code");
				}
				String label = code.hasText() ? code.getText()
						: code.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
								.orElse(label(codes.get(0)));
				ExpectedItem item = new ExpectedItem(codes.get(0), label, codes, days, perDay,
						codes.contains(VITAL_STATUS));
				into.merge(item.key(), item, ScheduleOfActivities::merge);
			}
		}
	}

	private static ExpectedItem merge(ExpectedItem a, ExpectedItem b) {
		SortedSet<Integer> days = new TreeSet<>(a.days());
		days.addAll(b.days());
		return new ExpectedItem(a.key(), a.label(), a.codes(), days, Math.max(a.perDay(), b.perDay()), a.vitalStatus());
	}

	private static SortedSet<Integer> days(Timing timing, String plan, String where) {
		if (!timing.getRepeat().hasBoundsRange()) {
			throw unreadable(plan, where, "the timing needs repeat.boundsRange: the first and last study day (unit d)");
		}
		Range bounds = timing.getRepeat().getBoundsRange();
		Integer low = day(bounds.getLow());
		Integer high = day(bounds.getHigh());
		if (low == null || high == null || low < 0 || high < low || high > LAST_PLANNED_DAY) {
			throw unreadable(plan, where, "repeat.boundsRange needs whole study days 0.." + LAST_PLANNED_DAY
					+ " (unit d), low <= high");
		}
		return days(low, high);
	}

	private static int perDay(Timing timing, String plan, String where) {
		Timing.TimingRepeatComponent repeat = timing.getRepeat();
		if (!repeat.hasFrequency()) {
			return 1;
		}
		boolean daily = repeat.hasPeriod() && repeat.getPeriod().compareTo(BigDecimal.ONE) == 0
				&& repeat.getPeriodUnit() == Timing.UnitsOfTime.D;
		if (!daily || repeat.getFrequency() < 1 || repeat.getFrequency() > 1440) {
			throw unreadable(plan, where, "repeat.frequency is a count per day: period 1, periodUnit d, frequency 1..1440");
		}
		return repeat.getFrequency();
	}

	private static Integer day(Quantity quantity) {
		if (quantity == null || !quantity.hasValue() || !"d".equals(quantity.getCode())) {
			return null;
		}
		try {
			return quantity.getValue().intValueExact();
		} catch (ArithmeticException e) {
			return null;
		}
	}

	private static TrialFhirException unreadable(String plan, String where, String why) {
		return TrialFhirException.unprocessable("the schedule of activities " + plan + " cannot be read at " + where
				+ ": " + why);
	}

	private static PlanDefinitionActionComponent action(PlanDefinition plan, String id, String title, int perDay,
			Range days, CodeableConcept... codes) {
		PlanDefinitionActionComponent action = plan.addAction().setTitle(title);
		action.setId(id);
		action.addRelatedAction().setActionId(T0_ACTION)
				.setRelationship(PlanDefinition.ActionRelationshipType.AFTERSTART);
		Arrays.stream(codes).forEach(action::addCode);
		if (days != null) {
			action.setTiming(timing(perDay, days));
		}
		return action;
	}

	private static Timing timing(int perDay, Range days) {
		Timing timing = new Timing();
		timing.getRepeat().setBounds(days).setFrequency(perDay).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
		return timing;
	}

	private static Range range(int first, int last) {
		return new Range().setLow(dayQuantity(first)).setHigh(dayQuantity(last));
	}

	private static org.hl7.fhir.r4.model.SimpleQuantity dayQuantity(int day) {
		org.hl7.fhir.r4.model.SimpleQuantity quantity = new org.hl7.fhir.r4.model.SimpleQuantity();
		quantity.setValue(day).setUnit("d").setSystem(UCUM).setCode("d");
		return quantity;
	}

	/** One expected item satisfied by any of these variables; displayed by the first. */
	private static CodeableConcept variables(TrialVariable... variables) {
		return variables(List.of(variables));
	}

	private static CodeableConcept variables(List<TrialVariable> variables) {
		CodeableConcept concept = new CodeableConcept();
		for (TrialVariable variable : variables) {
			variable.codes().forEach(code -> concept.addCoding(new Coding(variable.system(), code, null)));
		}
		concept.setText(variables.stream().map(TrialVariable::id).reduce((a, b) -> a + " or " + b).orElseThrow());
		return concept;
	}

	private static String key(TrialVariable variable) {
		return variable.system() + "|" + variable.codes().get(0);
	}

	private static List<String> codes(TrialVariable variable) {
		return variable.codes().stream().map(code -> variable.system() + "|" + code).toList();
	}

	private static String label(String code) {
		return TrialVariable.byCode(code.substring(0, code.indexOf('|')), code.substring(code.indexOf('|') + 1))
				.map(TrialVariable::id).orElse(code);
	}

	private static SortedSet<Integer> days(int first, int last) {
		return new TreeSet<>(IntStream.rangeClosed(first, last).boxed().toList());
	}
}
