package org.trialfhir.analysis.consort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * The CONSORT 2025 flow of a study (Hopewell et al., BMJ 2025;389:e081123, item 22 and its diagram): the boxes'
 * counts, worked out from the records alone. Pure: the same data give the same flow.
 *
 * <ul>
 * <li><b>assessed for eligibility</b>: patients with a ResearchSubject in the study (screening record or subject);
 * <li><b>excluded</b>: assessed but not randomized, by failed criterion (a patient failing two criteria counts under
 * both) and {@code other} (a screening record without a failed criterion, e.g. still in screening);
 * <li><b>randomized</b>: subjects with period.start (T0), a patient and an arm of the study;
 * <li>per arm: <b>allocated</b>, of whom <b>received the allocated intervention</b> (the study drug arms: a study-drug
 * administration at or after T0; the other arms: none); <b>discontinued</b> (status {@code withdrawn});
 * <b>lost to follow-up</b> (period.end before day D, not withdrawn, no death before day D); <b>analysed</b> for the
 * primary endpoint (death by day D known: died before T0 + D days, or followed to T0 + D days, which has passed).
 * </ul>
 *
 * @param excludedBy  failed criterion code → patients excluded for it, in order of first appearance
 * @param arms        one per arm of the study, in ResearchStudy.arm order
 */
public record ConsortFlow(int assessed, int excluded, Map<String, Integer> excludedBy, int excludedOther,
		int randomized, List<ArmFlow> arms, int mortalityDay, List<String> notes) {

	/** What the CONSORT boxes of one arm count; {@code received}/{@code notReceived} null when the drug is unnamed. */
	public record ArmFlow(String name, int allocated, Integer received, Integer notReceived, int discontinued,
			int lost, int analysed, int notAnalysed) {
	}

	static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

	public ConsortFlow {
		excludedBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excludedBy));
		arms = List.copyOf(arms);
		notes = List.copyOf(notes);
	}

	/** Counts the boxes. */
	public static ConsortFlow of(ConsortData data) {
		Map<String, List<ConsortRecord>> byPatient = new LinkedHashMap<>();
		data.records().forEach(r -> byPatient.computeIfAbsent(r.patientId() != null ? r.patientId()
				: "ResearchSubject/" + r.subjectId(), p -> new ArrayList<>()).add(r));
		List<ConsortRecord> randomizedRecords = new ArrayList<>();
		Map<String, Integer> excludedBy = new LinkedHashMap<>();
		int excluded = 0;
		int other = 0;
		for (List<ConsortRecord> records : byPatient.values()) {
			List<ConsortRecord> randomized = records.stream().filter(r -> isRandomized(r, data.arms())).toList();
			if (!randomized.isEmpty()) {
				randomizedRecords.addAll(randomized);
				continue;
			}
			excluded++;
			Set<String> criteria = new LinkedHashSet<>();
			records.forEach(r -> criteria.addAll(r.failedCriteria()));
			criteria.forEach(c -> excludedBy.merge(c, 1, Integer::sum));
			other += criteria.isEmpty() ? 1 : 0;
		}
		List<ArmFlow> arms = new ArrayList<>();
		for (int arm = 0; arm < data.arms().size(); arm++) {
			String name = data.arms().get(arm);
			List<ConsortRecord> allocated = randomizedRecords.stream().filter(r -> name.equals(r.arm())).toList();
			Integer received = null;
			if (data.studyDrugNamed()) {
				boolean drugArm = data.studyDrugArms().contains(arm);
				received = (int) allocated.stream().filter(r -> gotStudyDrug(r, data) == drugArm).count();
			}
			int discontinued = (int) allocated.stream().filter(ConsortFlow::withdrawn).count();
			int lost = (int) allocated.stream().filter(r -> lost(r, data)).count();
			int analysed = (int) allocated.stream().filter(r -> outcomeKnown(r, data)).count();
			arms.add(new ArmFlow(name, allocated.size(), received, received == null ? null : allocated.size() - received,
					discontinued, lost, analysed, allocated.size() - analysed));
		}
		List<String> notes = new ArrayList<>();
		if (!data.studyDrugNamed()) {
			notes.add("received the allocated intervention: unknown, the study names no study drug (extension "
					+ "study-drug)");
		}
		if (excludedBy.values().stream().mapToInt(Integer::intValue).sum() + other > excluded) {
			notes.add("excluded: a patient failing several criteria is counted under each");
		}
		return new ConsortFlow(byPatient.size(), excluded, excludedBy, other, randomizedRecords.size(), arms,
				data.mortalityDay(), notes);
	}

	/** The flow as one Parameters part named {@code consort}, one part per box (docs/analysis.md). */
	public ParametersParameterComponent toParameter(boolean armsShown) {
		ParametersParameterComponent consort = new ParametersParameterComponent().setName("consort");
		consort.addPart().setName("assessed-for-eligibility").setValue(new IntegerType(assessed));
		ParametersParameterComponent excludedBox = consort.addPart().setName("excluded");
		excludedBox.addPart().setName("n").setValue(new IntegerType(excluded));
		excludedBy.forEach((criterion, n) -> {
			ParametersParameterComponent reason = excludedBox.addPart().setName("reason");
			reason.addPart().setName("criterion").setValue(new CodeType(criterion));
			reason.addPart().setName("n").setValue(new IntegerType(n));
		});
		if (excludedOther > 0) {
			ParametersParameterComponent reason = excludedBox.addPart().setName("reason");
			reason.addPart().setName("criterion").setValue(new CodeType("other"));
			reason.addPart().setName("n").setValue(new IntegerType(excludedOther));
		}
		consort.addPart().setName("randomized").setValue(new IntegerType(randomized));
		for (ArmFlow arm : shown(armsShown)) {
			ParametersParameterComponent allocated = box(consort, "allocated", arm, arm.allocated());
			integer(allocated, "received-allocated-intervention", arm.received());
			integer(allocated, "did-not-receive-allocated-intervention", arm.notReceived());
			box(consort, "discontinued", arm, arm.discontinued());
			box(consort, "lost-to-follow-up", arm, arm.lost());
			ParametersParameterComponent analysed = box(consort, "analysed", arm, arm.analysed());
			analysed.addPart().setName("day").setValue(new IntegerType(mortalityDay));
			analysed.addPart().setName("outcome-not-known").setValue(new IntegerType(arm.notAnalysed()));
		}
		notes(armsShown).forEach(note -> consort.addPart().setName("note").setValue(new StringType(note)));
		return consort;
	}

	/** One row per number: box, arm (empty for a study-wide or pooled box), statistic, value. */
	public record Row(String box, String arm, String statistic, int value) {
	}

	/** The numbers as rows, for CSV: the same names as {@link #toParameter}. */
	public List<Row> rows(boolean armsShown) {
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("assessed-for-eligibility", "", "n", assessed));
		rows.add(new Row("excluded", "", "n", excluded));
		excludedBy.forEach((criterion, n) -> rows.add(new Row("excluded", "", criterion, n)));
		if (excludedOther > 0) {
			rows.add(new Row("excluded", "", "other", excludedOther));
		}
		rows.add(new Row("randomized", "", "n", randomized));
		for (ArmFlow arm : shown(armsShown)) {
			String name = arm.name() == null ? "" : arm.name();
			rows.add(new Row("allocated", name, "n", arm.allocated()));
			if (arm.received() != null) {
				rows.add(new Row("allocated", name, "received-allocated-intervention", arm.received()));
				rows.add(new Row("allocated", name, "did-not-receive-allocated-intervention", arm.notReceived()));
			}
			rows.add(new Row("discontinued", name, "n", arm.discontinued()));
			rows.add(new Row("lost-to-follow-up", name, "n", arm.lost()));
			rows.add(new Row("analysed", name, "n", arm.analysed()));
			rows.add(new Row("analysed", name, "outcome-not-known", arm.notAnalysed()));
		}
		return rows;
	}

	/** The diagram, inline SVG (no script, no external font). */
	public String toSvg(boolean armsShown) {
		return ConsortDiagram.svg(this, shown(armsShown));
	}

	/** An XHTML section for a report: heading, diagram and notes. */
	public String toHtmlSection(boolean armsShown) {
		StringBuilder html = new StringBuilder("<section class=\"consort\"><h2>CONSORT flow</h2><figure>")
				.append(toSvg(armsShown)).append("<figcaption>Participant flow (CONSORT 2025)")
				.append(armsShown ? "" : ", both arms pooled").append("</figcaption></figure>");
		List<String> notes = notes(armsShown);
		if (!notes.isEmpty()) {
			html.append("<ul class=\"note\">");
			notes.forEach(n -> html.append("<li>").append(ConsortDiagram.escape(n)).append("</li>"));
			html.append("</ul>");
		}
		return html.append("</section>").toString();
	}

	/** The arms, or for a reader who may not see them one pooled column (name null). */
	List<ArmFlow> shown(boolean armsShown) {
		if (armsShown) {
			return arms;
		}
		boolean drugKnown = arms.stream().allMatch(a -> a.received() != null);
		return List.of(new ArmFlow(null, sum(ArmFlow::allocated),
				drugKnown ? sum(a -> a.received()) : null, drugKnown ? sum(a -> a.notReceived()) : null,
				sum(ArmFlow::discontinued), sum(ArmFlow::lost), sum(ArmFlow::analysed), sum(ArmFlow::notAnalysed)));
	}

	private List<String> notes(boolean armsShown) {
		List<String> all = new ArrayList<>(notes);
		if (!armsShown) {
			all.add("The study is blinded: the allocation boxes are pooled over the arms; by arm needs the "
					+ "'unblinded' scope.");
		}
		return all;
	}

	private int sum(java.util.function.ToIntFunction<ArmFlow> count) {
		return arms.stream().mapToInt(count).sum();
	}

	private static ParametersParameterComponent box(ParametersParameterComponent consort, String name, ArmFlow arm,
			int n) {
		ParametersParameterComponent box = consort.addPart().setName(name);
		if (arm.name() != null) {
			box.addPart().setName("arm").setValue(new StringType(arm.name()));
		}
		box.addPart().setName("n").setValue(new IntegerType(n));
		return box;
	}

	private static void integer(ParametersParameterComponent part, String name, Integer value) {
		if (value != null) {
			part.addPart().setName(name).setValue(new IntegerType(value));
		}
	}

	static boolean isRandomized(ConsortRecord record, List<String> arms) {
		return record.t0() != null && record.patientId() != null && arms.contains(record.arm());
	}

	private static boolean withdrawn(ConsortRecord record) {
		return "withdrawn".equals(record.status());
	}

	private static Instant horizon(ConsortRecord record, ConsortData data) {
		return record.t0().plusMillis(data.mortalityDay() * DAY_MILLIS);
	}

	private static boolean diedByHorizon(ConsortRecord record, ConsortData data) {
		Instant death = data.deaths().get(record.patientId());
		return death != null && death.isBefore(horizon(record, data));
	}

	private static boolean lost(ConsortRecord record, ConsortData data) {
		return !withdrawn(record) && record.periodEnd() != null && record.periodEnd().isBefore(horizon(record, data))
				&& !diedByHorizon(record, data);
	}

	private static boolean outcomeKnown(ConsortRecord record, ConsortData data) {
		Instant horizon = horizon(record, data);
		return diedByHorizon(record, data) || (!horizon.isAfter(data.asOf())
				&& (record.periodEnd() == null || !record.periodEnd().isBefore(horizon)));
	}

	private static boolean gotStudyDrug(ConsortRecord record, ConsortData data) {
		return data.studyDrugGiven().getOrDefault(record.patientId(), List.of()).stream()
				.anyMatch(given -> !given.isBefore(record.t0()));
	}
}
