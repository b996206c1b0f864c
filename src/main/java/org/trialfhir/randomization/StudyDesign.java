package org.trialfhir.randomization;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyArmComponent;
import org.trialfhir.errors.TrialFhirException;

/**
 * How a study randomizes, read from its ResearchStudy: the arms in ResearchStudy.arm order with their weights (extension
 * allocation-ratio on an arm, default 1), the stratification factors (extension stratification-factor, repeated; the
 * configured default when absent). Whether it is blinded is the blinding policy's (security/BlindingPolicy). Block sizes
 * are deliberately not part of the resource: readers of the study must not learn them (ICH E9 §2.3).
 */
record StudyDesign(String studyId, AllocationRatio ratio, List<StratificationFactor> factors) {

	static final String ALLOCATION_RATIO_EXTENSION = "http://trialfhir.org/fhir/StructureDefinition/allocation-ratio";
	static final String STRATIFICATION_FACTOR_EXTENSION =
			"http://trialfhir.org/fhir/StructureDefinition/stratification-factor";

	static StudyDesign of(ResearchStudy study, List<StratificationFactor> defaultFactors) {
		String studyId = study.getIdElement().getIdPart();
		List<String> arms = new ArrayList<>();
		List<Integer> weights = new ArrayList<>();
		for (ResearchStudyArmComponent arm : study.getArm()) {
			arms.add(arm.getName());
			weights.add(weight(arm, studyId));
		}
		AllocationRatio ratio;
		try {
			ratio = new AllocationRatio(arms, weights);
		} catch (IllegalArgumentException e) {
			throw misconfigured(studyId, e.getMessage());
		}
		return new StudyDesign(studyId, ratio, factors(study, defaultFactors));
	}

	private static int weight(ResearchStudyArmComponent arm, String studyId) {
		Extension extension = arm.getExtensionByUrl(ALLOCATION_RATIO_EXTENSION);
		if (extension == null) {
			return 1;
		}
		if (extension.getValue() instanceof IntegerType weight && weight.getValue() != null && weight.getValue() > 0) {
			return weight.getValue(); // valuePositiveInt (an IntegerType) or valueInteger
		}
		throw misconfigured(studyId, "arm " + arm.getName() + " has an allocation-ratio that is not a positive integer");
	}

	private static List<StratificationFactor> factors(ResearchStudy study, List<StratificationFactor> defaultFactors) {
		List<Extension> extensions = study.getExtensionsByUrl(STRATIFICATION_FACTOR_EXTENSION);
		if (extensions.isEmpty()) {
			return defaultFactors;
		}
		List<StratificationFactor> factors = new ArrayList<>();
		for (Extension extension : extensions) {
			String code = extension.getValue() == null ? null : extension.getValue().primitiveValue();
			factors.add(StratificationFactor.ofCode(code).orElseThrow(() -> misconfigured(
					study.getIdElement().getIdPart(), "unknown stratification-factor " + code + " (site, baseline-jaam)")));
		}
		return factors;
	}

	private static TrialFhirException misconfigured(String studyId, String message) {
		return TrialFhirException.unprocessable("ResearchStudy/" + studyId + " cannot be randomized: " + message);
	}
}
