package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;

@TrialFhirServerTest
class MetadataIT {

	static final List<String> TRIAL_TYPES = List.of("ResearchStudy", "ResearchSubject", "Observation", "Patient",
			"Encounter", "Condition", "Procedure", "MedicationAdministration", "AdverseEvent", "Organization",
			"Provenance", "AuditEvent", "Endpoint");

	@LocalServerPort
	int port;

	@Test
	void capabilityStatementListsTheTrialResourcesWithTheirInteractions() {
		CapabilityStatement capabilities = FhirTestClient.fhir(port).capabilities().ofType(CapabilityStatement.class)
				.execute();
		assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
		List<CapabilityStatementRestResourceComponent> resources = capabilities.getRestFirstRep().getResource();
		Set<String> types = resources.stream().map(CapabilityStatementRestResourceComponent::getType)
				.collect(Collectors.toSet());
		assertThat(types).containsAll(TRIAL_TYPES);
		CapabilityStatementRestResourceComponent observation = resources.stream()
				.filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow();
		assertThat(observation.getInteraction()).extracting(i -> i.getCode())
				.contains(TypeRestfulInteraction.READ, TypeRestfulInteraction.VREAD, TypeRestfulInteraction.UPDATE,
						TypeRestfulInteraction.DELETE, TypeRestfulInteraction.CREATE,
						TypeRestfulInteraction.SEARCHTYPE, TypeRestfulInteraction.HISTORYINSTANCE);
		assertThat(observation.getConditionalCreate()).isTrue();
		assertThat(observation.getSearchParam()).extracting(p -> p.getName()).contains("study-day", "subject", "code");
		assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
				.contains("transaction", "batch");
	}

	@Test
	void assignedArmIsASearchParameterOfResearchSubject() {
		CapabilityStatement capabilities = FhirTestClient.fhir(port).capabilities().ofType(CapabilityStatement.class)
				.execute();
		CapabilityStatementRestResourceComponent subject = capabilities.getRestFirstRep().getResource().stream()
				.filter(r -> r.getType().equals("ResearchSubject")).findFirst().orElseThrow();
		assertThat(subject.getSearchParam()).anySatisfy(p -> {
			assertThat(p.getName()).isEqualTo("assigned-arm");
			assertThat(p.getType().toCode()).isEqualTo("token");
		});
	}

	@Test
	void healthReportsTheDatabaseAndTheReDerivationWorker() {
		RestAssured.given().port(port).get("/actuator/health")
				.then().statusCode(200)
				.body("status", equalTo("UP"))
				.body("components.db.status", equalTo("UP"))
				.body("components.rederive.status", equalTo("UP"))
				.body("components.rederive.details.enabled", equalTo(true));
	}

	@Test
	void healthAnswersJsonToAFhirClient() {
		RestAssured.given().port(port).accept("application/fhir+json").get("/actuator/health")
				.then().statusCode(200)
				.contentType(startsWith("application/json"))
				.body("status", equalTo("UP"));
	}

	@Test
	void prometheusMetricsAreExposed() {
		String metrics = RestAssured.given().port(port)
				.header("Authorization", "Bearer " + Tokens.of(port, TestRole.ADMIN))
				.get("/actuator/prometheus")
				.then().statusCode(200).extract().asString();
		assertThat(metrics).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}
}
