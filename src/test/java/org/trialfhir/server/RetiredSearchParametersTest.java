package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;

class RetiredSearchParametersTest {

	static final FhirContext R4 = FhirContext.forR4Cached();

	@Test
	void retiresEveryBuiltInObservationParameterButTheKeptOnes() {
		List<SearchParameter> retired = retiredOf("Observation");
		List<String> codes = retired.stream().map(SearchParameter::getCode).toList();
		// R4 defines 38 Observation parameters (besides _id, _lastUpdated, ...); 12 are kept
		assertThat(codes).hasSize(26).doesNotHaveDuplicates()
				.contains("method", "encounter", "performer", "based-on", "has-member", "value-concept", "value-string",
						"component-code", "combo-value-concept", "code-value-quantity", "focus", "specimen", "device")
				.doesNotContain("code", "subject", "patient", "date", "identifier", "category", "status",
						"value-quantity", "combo-code-value-quantity", "combo-code", "combo-value-quantity", "derived-from",
						"_tag", "_lastUpdated");
	}

	@Test
	void retiresTheAuditEventParametersNoAuditorAsks() {
		// R4 defines 18 AuditEvent parameters; the auditor's 11 stay (docs/search.md)
		assertThat(retiredOf("AuditEvent")).extracting(SearchParameter::getCode).containsExactly("agent-role",
				"entity-name", "entity-role", "patient", "policy", "site", "source");
	}

	@Test
	void everyRetirementIsRetiredAndNamedAfterItsTypeAndCode() {
		List<SearchParameter> retired = RetiredSearchParameters.of(R4);
		assertThat(retired).hasSize(26 + 7).allSatisfy(p -> {
			String type = p.getBase().get(0).getValue();
			assertThat(p.getStatus().toCode()).isEqualTo("retired");
			assertThat(p.getBase()).hasSize(1);
			assertThat(p.getUrl()).isEqualTo("http://trialfhir.org/fhir/SearchParameter/retired-" + type + "-" + p.getCode());
			assertThat(p.getIdElement().getIdPart()).isEqualTo("retired-" + type.toLowerCase() + "-" + p.getCode());
		});
	}

	private static List<SearchParameter> retiredOf(String type) {
		return RetiredSearchParameters.of(R4).stream().filter(p -> p.getBase().get(0).getValue().equals(type)).toList();
	}
}
