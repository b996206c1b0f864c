package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.CTX;

import java.nio.file.Path;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;

/** The SearchParameter expressions select what they should from the examples (the server indexes these values). */
class SearchParameterExpressionTest {

	@Test
	void studyDaySelectsTheExtensionValue() {
		// the example vital sign carries study-day 1
		assertThat(evaluate("study-day", "Observation-vital-heart-rate.json")).singleElement()
				.extracting(v -> ((org.hl7.fhir.r4.model.IntegerType) v).getValue()).isEqualTo(1);
	}

	@Test
	void studyDaySelectsNothingWithoutTheExtension() {
		assertThat(evaluate("study-day", "Observation-lab-platelets.json")).isEmpty();
	}

	@Test
	void assignedArmSelectsTheArmName() {
		var values = evaluate("assigned-arm", "ResearchSubject-subject-001.json");
		assertThat(values).singleElement().extracting(v -> ((org.hl7.fhir.r4.model.StringType) v).getValue())
				.isEqualTo("rTM");
	}

	@Test
	void valueIntegerSelectsTheDerivedScoreTotal() {
		// the example JAAM DIC derived score has valueInteger 5; a lab's valueQuantity is not selected
		assertThat(evaluate("value-integer", "Observation-derived-jaam-dic.json")).singleElement()
				.extracting(v -> ((org.hl7.fhir.r4.model.IntegerType) v).getValue()).isEqualTo(5);
		assertThat(evaluate("value-integer", "Observation-lab-platelets.json")).isEmpty();
	}

	@Test
	void scoreDiagnosisSelectsOnlyTheDiagnosisComponent() {
		// of its six components only jaam-dic-diagnosis (valueBoolean true) is selected, not the integer ones
		assertThat(evaluate("score-diagnosis", "Observation-derived-jaam-dic.json")).singleElement()
				.extracting(v -> ((org.hl7.fhir.r4.model.BooleanType) v).getValue()).isEqualTo(true);
	}

	private static java.util.List<IBase> evaluate(String code, String example) {
		SearchParameter sp = SharedValidator.VALIDATOR.conformanceResources().searchParameters().stream()
				.filter(s -> s.getCode().equals(code)).findFirst().orElseThrow();
		var resource = SharedValidator.read(Path.of(ExamplesTest.VALID, example));
		return CTX.newFhirPath().evaluate(resource, sp.getExpression(), IBase.class);
	}
}
