package org.trialfhir.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrialVariableTest {

	@Test
	void looksUpByLoincCode() {
		assertThat(TrialVariable.byLoinc("777-3")).contains(TrialVariable.PLATELETS);
		assertThat(TrialVariable.byLoinc("26515-7")).contains(TrialVariable.PLATELETS);
		assertThat(TrialVariable.byLoinc("3255-7")).contains(TrialVariable.FIBRINOGEN); // not FDP (docs/scores-spec.md §2)
		assertThat(TrialVariable.byLoinc("3246-6")).contains(TrialVariable.D_DIMER);
		assertThat(TrialVariable.byLoinc("5894-1")).contains(TrialVariable.PT_RATIO);
		assertThat(TrialVariable.byLoinc("13056-7")).isEmpty(); // plasma platelet count: not used
		assertThat(TrialVariable.byCode(TrialVariable.TRIAL_LAB, "tnf-alpha")).contains(TrialVariable.TNF_ALPHA);
	}

	@Test
	void canonicalUnitIsAlwaysAccepted() {
		for (TrialVariable v : TrialVariable.values()) {
			assertThat(v.acceptedUnits().get(0)).as(v.id()).isEqualTo(v.canonicalUnit());
		}
	}

	@Test
	void idsAreTheSnakeCaseOfTheName() {
		for (TrialVariable v : TrialVariable.values()) {
			assertThat(v.id()).isEqualTo(v.name().toLowerCase());
			assertThat(TrialVariable.byId(v.id())).contains(v);
		}
	}

	@Test
	void everyVariableThatAcceptsKpaIsAPressureInMmHg() {
		// ExplicitConversions converts every kPa with the mmHg factor
		for (TrialVariable v : TrialVariable.values()) {
			if (v.acceptedUnits().contains("kPa")) {
				assertThat(v.canonicalUnit()).as(v.id()).isEqualTo("mm[Hg]");
			}
		}
	}

	@Test
	void vitalSignsAreThoseChartedAtTheBedside() {
		assertThat(Arrays.stream(TrialVariable.values()).filter(TrialVariable::vitalSign)).containsExactlyInAnyOrder(
				TrialVariable.TEMPERATURE, TrialVariable.HEART_RATE, TrialVariable.RESP_RATE, TrialVariable.MAP,
				TrialVariable.SBP, TrialVariable.DBP, TrialVariable.SPO2, TrialVariable.GCS, TrialVariable.GCS_MOTOR,
				TrialVariable.FIO2, TrialVariable.WEIGHT_KG, TrialVariable.URINE_OUTPUT);
	}

	@Test
	void scoredAreTheVariablesOfScoresSection2() {
		assertThat(TrialVariable.WEIGHT_KG.scored()).isTrue();
		assertThat(TrialVariable.PLATELETS.scored()).isTrue();
		// SOFA-2 reads SpO2, the GCS motor score and venous pH (docs/scores-spec.md §14)
		assertThat(TrialVariable.SPO2.scored()).isTrue();
		assertThat(TrialVariable.GCS_MOTOR.scored()).isTrue();
		assertThat(TrialVariable.PH_VENOUS.scored()).isTrue();
		assertThat(TrialVariable.LACTATE.scored()).isFalse();
		assertThat(TrialVariable.PROTEIN_S.scored()).isFalse();
	}
}
