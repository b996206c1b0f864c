package org.trialfhir.derive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Observation;
import org.trialfhir.scoring.Analyte;
import org.trialfhir.scoring.ArterialGas;
import org.trialfhir.scoring.DrugExposure;
import org.trialfhir.scoring.Measurement;
import org.trialfhir.scoring.OrganSupport;
import org.trialfhir.scoring.UrineOutput;
import org.trialfhir.scoring.VasopressorInfusion;

/**
 * One patient's scoring inputs over the whole stay, in canonical units, as read from FHIR once for all days
 * ({@link FhirInputMapper}); {@link DayAssembler} cuts a day out of it. Also holds the derived Observations already
 * stored for the patient, so an unchanged score is not written again.
 */
final class InputTimeline {

	final Map<Analyte, List<Measurement>> measurements = new EnumMap<>(Analyte.class);
	final List<Measurement> pao2 = new ArrayList<>();
	final List<Measurement> paco2 = new ArrayList<>();
	final List<Measurement> ph = new ArrayList<>();
	final List<Measurement> pfRatio = new ArrayList<>();
	final List<Measurement> weights = new ArrayList<>();
	final List<VasopressorInfusion> infusions = new ArrayList<>();
	final List<UrineOutput> urine = new ArrayList<>();
	final List<TimedRejection> rejections = new ArrayList<>();
	final List<EcrfItem> ecrf = new ArrayList<>();
	final List<SupportPeriod> support = new ArrayList<>();
	/** SOFA-2's organ supports and drugs ({@link Sofa2InputReader}). */
	final List<OrganSupport> organSupport = new ArrayList<>();
	final List<DrugExposure> drugs = new ArrayList<>();
	/** MedicationAdministration id → the body-weight Observation its mass rate was divided by. */
	final Map<String, String> weightUsedBy = new HashMap<>();
	/** Derived-score identifier value → the stored derived Observation. */
	final Map<String, Observation> derived = new HashMap<>();
	private final List<Span> data = new ArrayList<>();
	private List<ArterialGas> gases = List.of();

	void add(Analyte analyte, Measurement m) {
		measurements.computeIfAbsent(analyte, a -> new ArrayList<>()).add(m);
	}

	/** Marks when there is data, for "every day that has data". */
	void data(Span span) {
		data.add(span);
	}

	/** Groups the gas members into gases (by identical time) once every input is read. */
	void finish() {
		gases = ArterialGas.groupByTime(pao2, paco2, ph, pfRatio, measurements.getOrDefault(Analyte.FIO2, List.of()),
				this::supportAt);
	}

	List<ArterialGas> gases() {
		return Collections.unmodifiableList(gases);
	}

	/**
	 * Respiratory support at a gas: true when a support Procedure covers it, false when the patient has support
	 * Procedures but none covers it, null (unknown, flagged by SOFA) when no support Procedure was ever recorded.
	 */
	Boolean supportAt(Instant time) {
		if (support.isEmpty()) {
			return null;
		}
		return support.stream().anyMatch(p -> p.covers(time));
	}

	/** Study days ≥ 1 with at least one measurement, gas, urine period or rejected input in them. */
	SortedSet<Integer> dataDays(SubjectContext subject) {
		SortedSet<Integer> days = new TreeSet<>();
		for (Span span : data) {
			int first = subject.dayOf(span.from());
			int last = span.isInstant() || span.to() == null ? first : subject.dayOf(span.to().minusNanos(1));
			for (int day = Math.max(first, 1); day <= last; day++) {
				days.add(day);
			}
		}
		return days;
	}
}
