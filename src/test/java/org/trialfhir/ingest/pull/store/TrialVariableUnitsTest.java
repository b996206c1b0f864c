package org.trialfhir.ingest.pull.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** Which units the pull accepts for a trial variable, checked by hand. */
class TrialVariableUnitsTest {

	@Test
	void unitsOnTheAcceptedListPassAndOthersAreRejectedWithTheListInTheReason() {
		TrialVariableUnits units = new TrialVariableUnits();
		Coding platelets = new Coding("http://loinc.org", "777-3", null);
		assertThat(units.rejection(platelets, ucum("10*4/uL"))).isEmpty();
		assertThat(units.rejection(platelets, ucum("mg"))).contains("unit 'mg' is not accepted for platelets "
				+ "(LOINC 777-3); use 10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL, /mm3 with system http://unitsofmeasure.org");
		Quantity notUcum = new Quantity().setValue(BigDecimal.ONE).setSystem("http://local.example/units").setCode("10*4/uL");
		assertThat(units.rejection(platelets, notUcum)).get().asString().contains("(system http://local.example/units)");
		assertThat(units.followed(new Coding("http://loinc.org", "2339-0", null))).isFalse(); // glucose: not followed
	}

	private static Quantity ucum(String code) {
		return new Quantity().setValue(BigDecimal.ONE).setSystem("http://unitsofmeasure.org").setCode(code);
	}
}
