package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.randomization.EnrolmentFixtures.SlotRow;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * The allocation list never reaches the FHIR API, even for the administrator; the statistician's signed export is the
 * only way out, for an unblinded administrator, and audited.
 */
@TrialFhirServerTest
class AllocationConcealmentIT {

	static final String EXPORT_KEY = "test-export-signing-key"; // application-test.yaml

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noFhirResourceNamesAnUnusedSlot() {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		trial.randomize(TestRole.CLINICIAN, study, trial.candidate()).then().statusCode(200);
		List<SlotRow> slots = EnrolmentFixtures.slots(jdbc, study);
		List<SlotRow> unused = slots.stream().filter(s -> s.subject() == null).toList();
		assertThat(unused).isNotEmpty(); // blocks are at least 2 long: the rest of the first block is still concealed

		// every resource of every type the server offers, as the administrator (AuditEvent: only the auditor reads it)
		CapabilityStatement capabilities = trial.admin.capabilities().ofType(CapabilityStatement.class).execute();
		IGenericClient auditor = FhirTestClient.fhir(port, TestRole.AUDITOR);
		List<String> everything = new ArrayList<>();
		for (var resource : capabilities.getRestFirstRep().getResource()) {
			IGenericClient reader = resource.getType().equals("AuditEvent") ? auditor : trial.admin;
			everything.addAll(allPages(reader, reader.search().forResource(resource.getType()).count(1000)
					.returnBundle(Bundle.class).execute()));
		}

		String usedLabel = label(study, slots.get(0));
		assertThat(everything).anyMatch(json -> json.contains(usedLabel)); // the search does reach audit records
		for (SlotRow slot : unused) {
			assertThat(everything).noneMatch(json -> json.contains(label(study, slot)));
		}
		assertThat(everything).noneMatch(json -> json.contains("trialfhir_allocation"));

		assertThat(capabilities.getRestFirstRep().getResource()).hasSizeGreaterThan(100); // all of R4 was searched
		assertThat(capabilities.getRestFirstRep().getResource()).allSatisfy(resource -> {
			assertThat(resource.getType()).doesNotContainIgnoringCase("allocation");
			assertThat(resource.getOperation()).noneMatch(op -> op.getName().toLowerCase().contains("allocation"));
		});
	}

	@Test
	void theUnblindedAdministratorExportsTheWholeListSignedAndAudited() throws Exception {
		EnrolmentFixtures trial = new EnrolmentFixtures(port);
		String study = trial.study(false);
		trial.randomize(TestRole.CLINICIAN, study, trial.candidate()).then().statusCode(200);
		trial.randomize(TestRole.CLINICIAN, study, trial.candidate(c -> c.jaam = 7)).then().statusCode(200);
		List<SlotRow> slots = EnrolmentFixtures.slots(jdbc, study);

		Response response = export(TestRole.ADMIN, study);
		response.then().statusCode(200).contentType("text/csv");
		String csv = response.asString();
		String[] lines = csv.split("\n");
		assertThat(lines[0]).isEqualTo("study,stratum,block,block_size,slot,arm,generated_at,used_at,"
				+ "research_subject,patient");
		assertThat(lines).hasSize(1 + slots.size() + 1); // header, every slot (used or not), signature
		for (int i = 0; i < slots.size(); i++) {
			SlotRow slot = slots.get(i);
			assertThat(lines[1 + i]).startsWith(EnrolmentFixtures.idPart(study) + "," + slot.stratum() + ","
					+ slot.block() + "," + slot.blockSize() + "," + slot.sequence() + "," + slot.arm() + ",");
		}
		String body = csv.substring(0, csv.lastIndexOf("# hmac-sha256="));
		assertThat(lines[lines.length - 1]).isEqualTo("# hmac-sha256=" + hmac(EXPORT_KEY, body));

		Bundle audits = FhirTestClient.fhir(port, TestRole.AUDITOR).search().forResource(AuditEvent.class)
				.where(AuditEvent.ENTITY.hasId(study)).returnBundle(Bundle.class).execute();
		assertThat(audits.getEntry()).map(e -> (AuditEvent) e.getResource())
				.anySatisfy(e -> {
					assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("allocation-export");
					assertThat(e.getOutcomeDesc()).contains(hmac(EXPORT_KEY, body));
				});
	}

	@Test
	void everyoneElseIsRefused() {
		String study = new EnrolmentFixtures(port).study(false);
		for (TestRole role : List.of(TestRole.EHR, TestRole.RESEARCH, TestRole.INVESTIGATOR, TestRole.CLINICIAN,
				TestRole.AUDITOR)) {
			export(role, study).then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
		}
		// the administrator without 'unblinded' is refused too
		String adminBlinded = Tokens.fetch(port, "admin-demo", "admin-demo-secret", "system/*.cruds");
		RestAssured.given().port(port).header("Authorization", "Bearer " + adminBlinded)
				.get("/randomization/studies/" + EnrolmentFixtures.idPart(study) + "/allocation-list.csv")
				.then().statusCode(403);
		RestAssured.given().port(port)
				.get("/randomization/studies/" + EnrolmentFixtures.idPart(study) + "/allocation-list.csv")
				.then().statusCode(401);
	}

	private Response export(TestRole role, String study) {
		return RestAssured.given().port(port).header("Authorization", "Bearer " + Tokens.of(port, role))
				.get("/randomization/studies/" + EnrolmentFixtures.idPart(study) + "/allocation-list.csv");
	}

	/** How audit records name a slot: by its opaque id (the next character ends the number). */
	private static String label(String study, SlotRow slot) {
		return study + " allocation slot " + slot.id() + "\"";
	}

	private static List<String> allPages(IGenericClient client, Bundle page) {
		List<String> resources = new ArrayList<>();
		while (true) {
			page.getEntry().forEach(e -> resources.add(FhirTestClient.json(e.getResource())));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				return resources;
			}
			page = client.loadPage().next(page).execute();
		}
	}

	private static String hmac(String key, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}
}
