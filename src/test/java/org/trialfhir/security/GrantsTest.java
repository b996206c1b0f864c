package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantsTest {

	@ParameterizedTest(name = "{0} allows {2} on {1}: {3}")
	@CsvSource({
		// SMART v2 letters name exactly the interactions granted
		"system/Observation.cu, Observation, CREATE, true",
		"system/Observation.cu, Observation, UPDATE, true",
		"system/Observation.cu, Observation, READ, false",
		"system/Observation.cu, Observation, SEARCH, false",
		"system/Observation.cu, Patient, CREATE, false",
		"system/Patient.r, Patient, READ, true",
		"system/Patient.r, Patient, SEARCH, false",
		"user/*.rs, Observation, SEARCH, true",
		"user/*.rs, ResearchSubject, READ, true",
		"user/*.rs, Observation, CREATE, false",
		"system/*.cruds, Observation, DELETE, true",
		// SMART v1: read = r + s, write = c + u + d
		"user/Observation.read, Observation, SEARCH, true",
		"user/Observation.read, Observation, UPDATE, false",
		"user/Observation.write, Observation, DELETE, true",
		"user/*.*, Patient, DELETE, true",
		// AuditEvent: a wildcard does not reach it; only a scope naming it can read it; nobody writes it
		"system/*.cruds, AuditEvent, READ, false",
		"user/AuditEvent.rs, AuditEvent, SEARCH, true",
		"user/AuditEvent.cruds, AuditEvent, CREATE, false",
		"user/AuditEvent.cruds, AuditEvent, DELETE, false",
		// out-of-order letters and patient context are not valid here: nothing granted
		"user/Observation.rc, Observation, READ, false",
		"patient/Observation.rs, Observation, READ, false",
	})
	void interactions(String scope, String type, Interaction interaction, boolean expected) {
		assertThat(Grants.of(List.of(scope)).allows(type, interaction)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} allows {2} on {1}: {3}")
	@CsvSource({
		"user/ResearchStudy.$analyze, ResearchStudy, $analyze, true",
		"user/ResearchStudy.$analyze, ResearchStudy, analyze, true",
		"user/ResearchStudy.$analyze, ResearchSubject, $analyze, false",
		"user/ResearchStudy.$analyze, ResearchStudy, $randomize, false",
		"system/*.$pull, ResearchSubject, $pull, true",
		"system/*.cruds, ResearchStudy, $analyze, false",
	})
	void operations(String scope, String type, String operation, boolean expected) {
		assertThat(Grants.of(List.of(scope)).allowsOperation(type, operation)).isEqualTo(expected);
	}

	@Test
	void serverLevelOperationNeedsAWildcardScope() {
		assertThat(Grants.of(List.of("system/*.$pull")).allowsOperation(null, "$pull")).isTrue();
		assertThat(Grants.of(List.of("system/ResearchSubject.$pull")).allowsOperation(null, "$pull")).isFalse();
	}

	@Test
	void administratorAndUnblinded() {
		assertThat(Grants.of(List.of("system/*.cruds")).isAdministrator()).isTrue();
		assertThat(Grants.of(List.of("system/*.rs")).isAdministrator()).isFalse();
		assertThat(Grants.of(List.of("user/*.rs", "unblinded")).isUnblinded()).isTrue();
		assertThat(Grants.of(List.of("user/*.rs")).isUnblinded()).isFalse();
	}

	@Test
	void aSetOfScopesIsParsedOnceAndItsGrantsCannotBeChangedByTheirCaller() {
		List<String> scopes = new ArrayList<>(List.of("system/Observation.cu", "user/Patient.rs"));
		Grants first = Grants.of(scopes);
		scopes.add("system/*.cruds");

		assertThat(Grants.of(List.of("system/Observation.cu", "user/Patient.rs"))).isSameAs(first);
		assertThat(first.allows("Encounter", Interaction.DELETE)).isFalse();
		assertThat(first.scopes()).containsExactly("system/Observation.cu", "user/Patient.rs");
		assertThat(Grants.of(scopes)).isNotSameAs(first);
		assertThat(Grants.of(scopes).allows("Encounter", Interaction.DELETE)).isTrue();
	}
}
