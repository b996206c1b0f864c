package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

/** Where the decimal bound finds an out-of-range number, and the path it names. */
class NumberRuleTest {

	@Test
	void aDecimalInAComponentsReferenceRangeIsFoundWithItsPath() {
		var observation = new Observation();
		observation.addComponent().setCode(new CodeableConcept().setText("a"));
		observation.addComponent().setCode(new CodeableConcept().setText("b")).addReferenceRange()
				.setLow(new Quantity(1)).setHigh(new Quantity().setValue(new BigDecimal("2e15")));

		assertThatThrownBy(() -> NumberRule.check(observation)).isInstanceOf(TrialFhirException.class)
				.hasMessageStartingWith("Observation.component[1].referenceRange[0].high.value: ")
				.hasMessageContaining("beyond");
	}

	@Test
	void aDecimalInAnExtensionOfAPrimitiveIsFound() {
		var observation = new Observation();
		StringType comment = new StringType("see note");
		comment.addExtension("http://example.org/weight", new DecimalType(new BigDecimal("1e-400")));
		observation.setValue(comment);

		assertThatThrownBy(() -> NumberRule.check(observation)).isInstanceOf(TrialFhirException.class)
				.hasMessageStartingWith("Observation.valueString.extension[0].valueDecimal: ")
				.hasMessageContaining("too small");
	}

	@Test
	void decimalsWithinBoundsPass() {
		var observation = new Observation().setValue(new Range().setLow(new Quantity(-3.5)).setHigh(new Quantity(1e14)));

		assertThatCode(() -> NumberRule.check(observation)).doesNotThrowAnyException();
	}
}
