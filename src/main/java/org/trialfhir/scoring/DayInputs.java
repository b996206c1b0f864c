package org.trialfhir.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the scores read for one patient-day, in canonical units.
 *
 * <p>Lists may hold values outside {@link #window()}: scores use only the in-window ones, except that charted
 * FiO₂ up to 4 h before a gas is paired with it and platelet counts up to 24 h before a day count serve the JAAM
 * platelet fall (D14). SOFA-2 looks further back: the last GCS before a sedation episode (no limit), urine periods
 * of the 24 h before each evaluation time, RRT sessions of the 72 h before the day, body weights of any time. So a
 * mapper passes the whole stay's values in the same lists.
 *
 * @param measurements labs and vitals by analyte (SBP/DBP pairs give a MAP where no MAP was measured at that time)
 * @param gases        arterial blood gases
 * @param vasopressors catecholamine infusion periods overlapping the day
 * @param urineOutputs urine collection periods overlapping the day
 * @param supports     organ-support intervals (advanced respiratory support, ECMO, circulatory support, RRT) of the
 *                     stay, for SOFA-2
 * @param drugs        sedative infusions, delirium drugs and non-catecholamine vasoactive infusions of the stay,
 *                     for SOFA-2
 * @param rejected     inputs the mapper rejected, so scores can flag them
 */
public record DayInputs(DayWindow window, Map<Analyte, List<Measurement>> measurements, List<ArterialGas> gases,
		List<VasopressorInfusion> vasopressors, List<UrineOutput> urineOutputs, List<OrganSupport> supports,
		List<DrugExposure> drugs, PatientFacts patient, SiteSettings site, List<RejectedInput> rejected) {

	public DayInputs {
		Objects.requireNonNull(window, "window");
		EnumMap<Analyte, List<Measurement>> copy = new EnumMap<>(Analyte.class);
		measurements.forEach((a, list) -> copy.put(a, List.copyOf(list)));
		measurements = Collections.unmodifiableMap(copy);
		gases = List.copyOf(gases);
		vasopressors = List.copyOf(vasopressors);
		urineOutputs = List.copyOf(urineOutputs);
		supports = List.copyOf(supports);
		drugs = List.copyOf(drugs);
		patient = patient == null ? PatientFacts.NONE : patient;
		site = site == null ? SiteSettings.DEFAULTS : site;
		rejected = List.copyOf(rejected);
	}

	public static Builder builder(DayWindow window) {
		return new Builder(window);
	}

	/** Every value of an analyte as given (any time). */
	public List<Measurement> all(Analyte analyte) {
		return measurements.getOrDefault(analyte, List.of());
	}

	/** In-window values of an analyte, by time; MAP includes MAP derived from simultaneous SBP/DBP pairs. */
	List<Measurement> inDay(Analyte analyte) {
		List<Measurement> result = new ArrayList<>();
		for (Measurement m : all(analyte)) {
			if (window.contains(m.time())) {
				result.add(m);
			}
		}
		if (analyte == Analyte.MAP) {
			result.addAll(MapDerivation.derived(result, inDay(Analyte.SBP), inDay(Analyte.DBP)));
		}
		result.sort(Comparator.comparing(Measurement::time));
		return result;
	}

	/** In-window gases by time. */
	List<ArterialGas> gasesInDay() {
		return gases.stream().filter(g -> window.contains(g.time()))
				.sorted(Comparator.comparing(ArterialGas::time)).toList();
	}

	/** Collects inputs; each method returns this builder. */
	public static final class Builder {
		private final DayWindow window;
		private final Map<Analyte, List<Measurement>> measurements = new EnumMap<>(Analyte.class);
		private final List<ArterialGas> gases = new ArrayList<>();
		private final List<VasopressorInfusion> vasopressors = new ArrayList<>();
		private final List<UrineOutput> urineOutputs = new ArrayList<>();
		private final List<OrganSupport> supports = new ArrayList<>();
		private final List<DrugExposure> drugs = new ArrayList<>();
		private final List<RejectedInput> rejected = new ArrayList<>();
		private PatientFacts patient = PatientFacts.NONE;
		private SiteSettings site = SiteSettings.DEFAULTS;

		private Builder(DayWindow window) {
			this.window = window;
		}

		public Builder add(Analyte analyte, Measurement m) {
			measurements.computeIfAbsent(analyte, a -> new ArrayList<>()).add(m);
			return this;
		}

		public Builder gas(ArterialGas gas) {
			gases.add(gas);
			return this;
		}

		public Builder vasopressor(VasopressorInfusion infusion) {
			vasopressors.add(infusion);
			return this;
		}

		public Builder urine(UrineOutput output) {
			urineOutputs.add(output);
			return this;
		}

		public Builder support(OrganSupport interval) {
			supports.add(interval);
			return this;
		}

		public Builder drug(DrugExposure exposure) {
			drugs.add(exposure);
			return this;
		}

		public Builder rejected(RejectedInput input) {
			rejected.add(input);
			return this;
		}

		public Builder patient(PatientFacts facts) {
			this.patient = facts;
			return this;
		}

		public Builder site(SiteSettings settings) {
			this.site = settings;
			return this;
		}

		public DayInputs build() {
			return new DayInputs(window, measurements, gases, vasopressors, urineOutputs, supports, drugs, patient, site,
					rejected);
		}
	}
}
