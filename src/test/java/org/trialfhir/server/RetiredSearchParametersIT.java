package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/** Observation and AuditEvent index only what is searched (docs/search.md): the rest of HAPI's built-ins are retired. */
@TrialFhirServerTest
class RetiredSearchParametersIT {

	static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ConformanceResourceLoader loader;

	@ParameterizedTest
	@ValueSource(strings = {"method=x", "method=", "method=a&method=b", "method:missing=true", "encounter=Encounter/1",
		"performer=Practitioner/1", "value-concept=http://snomed.info/sct|1", "component-code=http://loinc.org|8480-6",
		"has-member=Observation/1", "data-absent-reason=unknown", "code=http://loinc.org|777-3&device=Device/1"})
	void aRetiredObservationParameterIsAnUnknownParameter(String query) {
		String parameter = query.replaceAll("^code=[^&]*&", "").replaceAll("[:=].*", "");
		FhirTestClient.http(port).get("/Observation?" + query).then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("Unknown search parameter \"" + parameter + "\""));
	}

	@ParameterizedTest
	@ValueSource(strings = {"entity-name=Bundle.entry[0]", "entity-role=4", "agent-role=x", "patient=Patient/1", "policy=x",
		"site=x", "source=x", "date=ge2020-01-01&entity-name=x"})
	void aRetiredAuditEventParameterIsAnUnknownParameter(String query) {
		String parameter = query.replaceAll("^date=[^&]*&", "").replaceAll("[:=].*", "");
		FhirTestClient.http(port, TestRole.AUDITOR).get("/AuditEvent?" + query).then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("Unknown search parameter \"" + parameter + "\""));
	}

	@Test
	void theTextOfACodeIsNotIndexed() {
		// a Coding's display is not indexed for :text (docs/search.md): the modifier is refused, not answered empty
		FhirTestClient.http(port).get("/Observation?code:text=Heart").then().statusCode(405)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString(":text modifier is disabled"));
	}

	@Test
	void aSharedBuiltInStaysOnTheOtherTypes() {
		// encounter is one built-in (clinical-encounter) for 20 types: retired on Observation only
		FhirTestClient.http(port).get("/Condition?encounter=Encounter/1").then().statusCode(200)
				.body("resourceType", equalTo("Bundle"));
	}

	@Test
	void theKeptParametersStillFindAnObservation() {
		var fhir = FhirTestClient.fhir(port);
		String patient = fhir.create().resource(TrialFixtures.patient("r-" + UUID.randomUUID(), LocalDate.of(1950, 1, 2)))
				.execute().getId().toUnqualifiedVersionless().getValue();
		fhir.create().resource(TrialFixtures.lab(patient, "777-3", 87, "10*9/L", T0)).execute();
		Map<String, Integer> found = new LinkedHashMap<>();
		for (String kept : List.of("code=http://loinc.org|777-3", "patient=" + patient, "date=2026-02-01",
				"category=laboratory", "status=final", "value-quantity=87", "value-quantity=86",
				"combo-code-value-quantity=http://loinc.org|777-3$87", "_lastUpdated=gt2020-01-01")) {
			found.put(kept, FhirTestClient.http(port).get("/Observation?subject=" + patient + "&" + kept).then()
					.statusCode(200).extract().path("total"));
		}
		assertThat(found).containsExactly(entry("code=http://loinc.org|777-3", 1), entry("patient=" + patient, 1),
				entry("date=2026-02-01", 1), entry("category=laboratory", 1), entry("status=final", 1),
				entry("value-quantity=87", 1), entry("value-quantity=86", 0),
				entry("combo-code-value-quantity=http://loinc.org|777-3$87", 1), entry("_lastUpdated=gt2020-01-01", 1));
	}

	@Test
	void retiringAgainAtTheNextStartChangesNothing() throws Exception {
		SearchParameter before = FhirTestClient.fhir(port).read().resource(SearchParameter.class)
				.withId("retired-observation-method").execute();
		loader.run(null);
		SearchParameter after = FhirTestClient.fhir(port).read().resource(SearchParameter.class)
				.withId("retired-observation-method").execute();
		assertThat(after.getStatus().toCode()).isEqualTo("retired");
		assertThat(after.getMeta().getVersionId()).isEqualTo(before.getMeta().getVersionId());
		assertThat(Observation.SP_METHOD).isEqualTo(after.getCode());
	}
}
