package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

class StudyDesignTest {

	static final List<StratificationFactor> DEFAULT = List.of(StratificationFactor.SITE,
			StratificationFactor.BASELINE_JAAM);

	@Test
	void armsInOrderOneToOneAndTheDefaultFactorsWhenTheStudySaysNothing() {
		StudyDesign design = StudyDesign.of(study(), DEFAULT);
		assertThat(design.studyId()).isEqualTo("s1");
		assertThat(design.ratio()).isEqualTo(new AllocationRatio(List.of("rTM", "control"), List.of(1, 1)));
		assertThat(design.factors()).isEqualTo(DEFAULT);
	}

	@Test
	void ratioAndFactorsComeFromTheStudyExtensions() {
		ResearchStudy study = study();
		study.getArm().get(0).addExtension(StudyDesign.ALLOCATION_RATIO_EXTENSION, new PositiveIntType(2));
		study.addExtension(StudyDesign.STRATIFICATION_FACTOR_EXTENSION, new CodeType("site"));
		StudyDesign design = StudyDesign.of(study, DEFAULT);
		assertThat(design.ratio().weights()).containsExactly(2, 1);
		assertThat(design.factors()).containsExactly(StratificationFactor.SITE);
	}

	@Test
	void aStudyThatCannotBeRandomizedIsUnprocessable() {
		ResearchStudy oneArm = study();
		oneArm.getArm().remove(1);
		assertThatThrownBy(() -> StudyDesign.of(oneArm, DEFAULT)).isInstanceOf(TrialFhirException.class)
				.hasMessageContaining("at least two arms");
		ResearchStudy badFactor = study();
		badFactor.addExtension(StudyDesign.STRATIFICATION_FACTOR_EXTENSION, new CodeType("age"));
		assertThatThrownBy(() -> StudyDesign.of(badFactor, DEFAULT)).hasMessageContaining("unknown stratification");
		ResearchStudy badRatio = study();
		badRatio.getArm().get(1).addExtension(StudyDesign.ALLOCATION_RATIO_EXTENSION, new StringType("two"));
		assertThatThrownBy(() -> StudyDesign.of(badRatio, DEFAULT)).hasMessageContaining("allocation-ratio");
	}

	private static ResearchStudy study() {
		ResearchStudy study = new ResearchStudy();
		study.setId("s1");
		study.addArm().setName("rTM");
		study.addArm().setName("control");
		return study;
	}
}
