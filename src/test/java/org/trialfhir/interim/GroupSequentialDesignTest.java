package org.trialfhir.interim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.stats.GroupSequential.Spending;

class GroupSequentialDesignTest {

	@Test
	void readsTheDesign() {
		ResearchStudy study = study(design("100", "obrien-fleming", "0.5", "1"));
		Extension assumed = study.getExtensionByUrl(GroupSequentialDesign.URL).addExtension().setUrl(
				"assumed-mortality");
		assumed.addExtension("arm", new StringType("rTM"));
		assumed.addExtension("value", new DecimalType("0.3"));
		Extension other = study.getExtensionByUrl(GroupSequentialDesign.URL).addExtension().setUrl(
				"assumed-mortality");
		other.addExtension("arm", new StringType("control"));
		other.addExtension("value", new DecimalType("0.45"));

		GroupSequentialDesign design = GroupSequentialDesign.of(study).orElseThrow();

		assertThat(design.plannedSubjects()).isEqualTo(100);
		assertThat(design.rates()).containsExactly(0.5, 1.0);
		assertThat(design.spending()).isEqualTo(Spending.OBRIEN_FLEMING);
		assertThat(design.alpha()).isEqualTo(0.05);
		assertThat(design.assumedMortality()).isEqualTo(Map.of("rTM", 0.3, "control", 0.45));
	}

	@Test
	void aStudyWithoutDesignHasNone() {
		assertThat(GroupSequentialDesign.of(study(null))).isEmpty();
	}

	@Test
	void refusesRatesThatDoNotIncrease() {
		assertRefused(design("100", "pocock", "0.6", "0.5", "1"), "information-rates", "must increase");
	}

	@Test
	void refusesALastRateOtherThanOne() {
		assertRefused(design("100", "pocock", "0.5", "0.9"), "information-rates", "must be 1");
	}

	@Test
	void refusesARateOutsideTheUnitInterval() {
		assertRefused(design("100", "pocock", "0", "1"), "information-rates", "(0, 1]");
	}

	@Test
	void refusesAnAlphaOutsideTheUnitInterval() {
		Extension design = design("100", "pocock", "0.5", "1");
		design.getExtensionByUrl("alpha").setValue(new DecimalType("1.5"));
		assertRefused(design, "alpha", "(0, 1)");
	}

	@Test
	void refusesAnUnknownSpendingFunction() {
		assertRefused(design("100", "haybittle-peto", "0.5", "1"), "spending", "obrien-fleming or pocock");
	}

	@Test
	void refusesMissingPlannedSubjects() {
		Extension design = design("100", "pocock", "0.5", "1");
		design.getExtension().removeIf(e -> e.getUrl().equals("planned-subjects"));
		assertRefused(design, "planned-subjects", "missing");
	}

	@Test
	void refusesAnAssumedMortalityOfAnotherArm() {
		Extension design = design("100", "pocock", "0.5", "1");
		Extension assumed = design.addExtension().setUrl("assumed-mortality");
		assumed.addExtension("arm", new StringType("placebo"));
		assumed.addExtension("value", new DecimalType("0.3"));
		assertRefused(design, "assumed-mortality", "not an arm");
	}

	private static void assertRefused(Extension design, String part, String message) {
		assertThatThrownBy(() -> GroupSequentialDesign.of(study(design))).isInstanceOfSatisfying(
				TrialFhirException.class, e -> {
					assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.UNPROCESSABLE);
					assertThat(e.location()).endsWith(".extension('" + part + "')");
					assertThat(e.getMessage()).contains(message);
				});
	}

	static Extension design(String planned, String spending, String... rates) {
		Extension design = new Extension(GroupSequentialDesign.URL);
		design.addExtension("planned-subjects", new PositiveIntType(planned));
		for (String rate : rates) {
			design.addExtension("information-rates", new DecimalType(rate));
		}
		design.addExtension("spending", new CodeType(spending));
		design.addExtension("alpha", new DecimalType("0.05"));
		return design;
	}

	static ResearchStudy study(Extension design) {
		ResearchStudy study = new ResearchStudy();
		study.setId("s1");
		study.addArm().setName("rTM");
		study.addArm().setName("control");
		if (design != null) {
			study.addExtension(design);
		}
		return study;
	}
}
