package org.trialfhir.interim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.stats.GroupSequential.Spending;

/**
 * The study's group-sequential design, read from its extension {@value #URL} (profile in {@code profiles/}). A design
 * that cannot be applied is a 422 naming the sub-extension at fault.
 *
 * @param rates            information fractions of the planned looks: increasing, in (0, 1], the last 1
 * @param alpha            two-sided, in (0, 1)
 * @param assumedMortality mortality assumed per arm name (empty, or one per arm of the study)
 */
record GroupSequentialDesign(int plannedSubjects, List<Double> rates, Spending spending, double alpha,
		Map<String, Double> assumedMortality) {

	static final String URL = "http://trialfhir.org/fhir/StructureDefinition/group-sequential-design";
	static final double DEFAULT_ALPHA = 0.05;

	GroupSequentialDesign {
		rates = List.copyOf(rates);
		assumedMortality = Map.copyOf(assumedMortality);
	}

	/** The design of the study, or empty when it has none. */
	static Optional<GroupSequentialDesign> of(ResearchStudy study) {
		List<Extension> designs = study.getExtensionsByUrl(URL);
		if (designs.isEmpty()) {
			return Optional.empty();
		}
		if (designs.size() > 1) {
			throw wrong("", "the study has " + designs.size() + " group-sequential designs; it may have one");
		}
		Extension design = designs.get(0);
		for (Extension part : design.getExtension()) {
			if (!List.of("planned-subjects", "information-rates", "spending", "alpha", "assumed-mortality")
					.contains(part.getUrl())) {
				throw wrong("", "unknown sub-extension '" + part.getUrl() + "'");
			}
		}
		int planned = plannedSubjects(design);
		List<Double> rates = rates(design);
		Spending spending = spending(design);
		double alpha = alpha(design);
		Map<String, Double> assumed = assumedMortality(design, study);
		return Optional.of(new GroupSequentialDesign(planned, rates, spending, alpha, assumed));
	}

	double[] rateArray() {
		return rates.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static int plannedSubjects(Extension design) {
		Type value = single(design, "planned-subjects", true);
		if (value instanceof IntegerType integer && integer.getValue() != null && integer.getValue() > 0) {
			return integer.getValue();
		}
		throw wrong("planned-subjects", "planned-subjects must be a positive integer");
	}

	private static List<Double> rates(Extension design) {
		List<Extension> parts = design.getExtensionsByUrl("information-rates");
		if (parts.isEmpty()) {
			throw wrong("information-rates", "information-rates is missing: give one per planned look, the last 1");
		}
		List<Double> rates = new ArrayList<>();
		for (Extension part : parts) {
			double rate = decimal(part.getValue(), "information-rates");
			if (!(rate > 0 && rate <= 1)) {
				throw wrong("information-rates", "information-rates must lie in (0, 1]; got " + rate);
			}
			if (!rates.isEmpty() && rate <= rates.get(rates.size() - 1)) {
				throw wrong("information-rates", "information-rates must increase; " + rate + " follows "
						+ rates.get(rates.size() - 1));
			}
			rates.add(rate);
		}
		if (rates.get(rates.size() - 1) != 1) {
			throw wrong("information-rates", "the last of information-rates must be 1 (the final analysis); got "
					+ rates.get(rates.size() - 1));
		}
		return rates;
	}

	private static Spending spending(Extension design) {
		Type value = single(design, "spending", true);
		String code = value == null ? null : value.primitiveValue();
		return Spending.of(code).orElseThrow(() -> wrong("spending", "unknown spending '" + code
				+ "': use obrien-fleming or pocock"));
	}

	private static double alpha(Extension design) {
		Type value = single(design, "alpha", false);
		if (value == null) {
			return DEFAULT_ALPHA;
		}
		double alpha = decimal(value, "alpha");
		if (!(alpha > 0 && alpha < 1)) {
			throw wrong("alpha", "alpha (two-sided) must lie in (0, 1); got " + alpha);
		}
		return alpha;
	}

	private static Map<String, Double> assumedMortality(Extension design, ResearchStudy study) {
		List<String> arms = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
		Map<String, Double> assumed = new LinkedHashMap<>();
		for (Extension part : design.getExtensionsByUrl("assumed-mortality")) {
			Type arm = single(part, "arm", true);
			String name = arm == null ? null : arm.primitiveValue();
			if (!arms.contains(name)) {
				throw wrong("assumed-mortality", "assumed-mortality names arm '" + name + "', which is not an arm of "
						+ "the study " + arms);
			}
			double value = decimal(single(part, "value", true), "assumed-mortality");
			if (!(value >= 0 && value <= 1)) {
				throw wrong("assumed-mortality", "an assumed mortality is a proportion in [0, 1]; got " + value);
			}
			if (assumed.put(name, value) != null) {
				throw wrong("assumed-mortality", "assumed-mortality is given twice for arm '" + name + "'");
			}
		}
		if (!assumed.isEmpty() && assumed.size() != arms.size()) {
			throw wrong("assumed-mortality", "assumed-mortality needs one value for each arm " + arms);
		}
		return assumed;
	}

	private static Type single(Extension parent, String url, boolean required) {
		List<Extension> parts = parent.getExtensionsByUrl(url);
		if (parts.size() > 1) {
			throw wrong(url, url + " may be given once");
		}
		if (parts.isEmpty() || parts.get(0).getValue() == null) {
			if (required) {
				throw wrong(url, url + " is missing");
			}
			return null;
		}
		return parts.get(0).getValue();
	}

	private static double decimal(Type value, String url) {
		if (value instanceof DecimalType decimal && decimal.getValue() != null) {
			return decimal.getValue().doubleValue();
		}
		if (value instanceof IntegerType integer && integer.getValue() != null) {
			return new BigDecimal(integer.getValue()).doubleValue();
		}
		throw wrong(url, url + " must be a decimal");
	}

	private static TrialFhirException wrong(String part, String message) {
		String location = "ResearchStudy.extension('" + URL + "')" + (part.isEmpty() ? "" : ".extension('" + part
				+ "')");
		return new TrialFhirException(TrialFhirException.Kind.UNPROCESSABLE,
				"the study's group-sequential design cannot be applied: " + message, location);
	}
}
