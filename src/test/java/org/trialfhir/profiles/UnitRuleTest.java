package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.trialfhir.units.TrialVariable;

class UnitRuleTest {

	@Test
	void listsAcceptedUnitsAsEnglishAlternatives() {
		assertThat(UnitRule.orList(List.of("pg/mL"))).isEqualTo("pg/mL");
		assertThat(UnitRule.orList(List.of("mL", "L"))).isEqualTo("mL or L");
		assertThat(UnitRule.orList(List.of("mg/dL", "umol/L", "mmol/L"))).isEqualTo("mg/dL, umol/L or mmol/L");
	}

	@Test
	void namesACodeOutsideLoincAndTrialLabByItsSystem() {
		var match = new UnitRule.Match(new Coding("urn:oid:1.2.392.200119.4.504", "2A990000001930951", null),
				TrialVariable.PLATELETS);

		assertThat(UnitRule.message("mg", match)).isEqualTo("unit 'mg' is not accepted for platelets "
				+ "(urn:oid:1.2.392.200119.4.504|2A990000001930951); use 10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL or /mm3");
	}
}
