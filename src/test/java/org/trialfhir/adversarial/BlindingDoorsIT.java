package org.trialfhir.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerTokenMinter;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Every way HAPI offers to learn a blinded subject's arm, tried with tokens without {@code unblinded}: the research
 * app ({@code user/*.rs}) and a coordinator-like token that may also write ({@code user/*.cruds}). Searches that
 * filter, sort, chain or reverse-chain on the arm are refused with 403 whatever their spelling; conditional URLs on
 * the arm give the same 403 whether the guess is right or wrong; no response carries the arm.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlindingDoorsIT {

	static final String FHIR_JSON = "application/fhir+json";
	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	String blinded;
	String openLabel;
	String rtmPatient;
	String rtmSubject;
	String openSubject;

	@BeforeAll
	void oneBlindedAndOneOpenLabelStudy() {
		blinded = study(true);
		openLabel = study(false);
		rtmPatient = patient();
		rtmSubject = subject(blinded, rtmPatient, "rTM");
		subject(blinded, patient(), "control");
		openSubject = subject(openLabel, patient(), "rTM");
	}

	record Door(String name, Function<BlindingDoorsIT, Response> send) {
		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Door> armSearches() {
		return Stream.of(
				get("_has reverse chain", t -> "/Patient?_has:ResearchSubject:individual:assigned-arm=rTM"),
				get("_has with :missing", t -> "/Patient?_has:ResearchSubject:individual:assigned-arm:missing=false"),
				get("_has with :not", t -> "/Patient?_has:ResearchSubject:individual:assigned-arm:not=rTM"),
				get("_has nested in a chain",
						t -> "/Observation?subject:Patient._has:ResearchSubject:individual:assigned-arm=rTM"),
				get("_sort by the arm", t -> "/ResearchSubject?study=" + t.blinded + "&_sort=assigned-arm"),
				get("_sort descending by the arm", t -> "/ResearchSubject?study=" + t.blinded + "&_sort=-assigned-arm"),
				get("_sort by the arm without other parameter", t -> "/ResearchSubject?_sort=assigned-arm"),
				get("the arm parameter", t -> "/ResearchSubject?study=" + t.blinded + "&assigned-arm=rTM"),
				get("the arm with :not", t -> "/ResearchSubject?assigned-arm:not=rTM"),
				get("the arm with :missing", t -> "/ResearchSubject?assigned-arm:missing=true"),
				get("the arm with :text", t -> "/ResearchSubject?assigned-arm:text=rTM"),
				get("the arm in a system|code token", t -> "/ResearchSubject?assigned-arm=%7CrTM"),
				get("the arm with _summary=count", t -> "/ResearchSubject?assigned-arm=rTM&_summary=count"),
				get("the arm with _count=0", t -> "/ResearchSubject?assigned-arm=rTM&_count=0"),
				new Door("POST _search with a form body", t -> t.reader().contentType("application/x-www-form-urlencoded")
						.formParam("assigned-arm", "rTM").post("/ResearchSubject/_search")),
				new Door("batch GET entry", t -> t.reader().contentType(FHIR_JSON)
						.body(bundle("batch", "GET", "ResearchSubject?assigned-arm=rTM", null)).post("/")),
				new Door("batch GET entry of _has", t -> t.reader().contentType(FHIR_JSON)
						.body(bundle("batch", "GET", "/Patient?_has:ResearchSubject:individual:assigned-arm=rTM", null))
						.post("/")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("armSearches")
	void aSearchOnTheArmIsRefused(Door door) {
		assertRefused(door.send().apply(this));
	}

	/** Conditional writes on the arm: whatever the guess, the same 403, and nothing is written. */
	static Stream<Door> armOracles() {
		return Stream.of("rTM", "control").flatMap(guess -> Stream.of(
				new Door("If-None-Exist on the arm, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.header("If-None-Exist", "assigned-arm=" + guess + "&patient=" + t.rtmPatient)
						.body(t.subjectJson(null, null)).post("/ResearchSubject")),
				new Door("conditional PUT on the arm, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(t.subjectJson(null, null))
						.put("/ResearchSubject?assigned-arm=" + guess + "&patient=" + t.rtmPatient)),
				new Door("conditional DELETE on the arm, guess " + guess, t -> t.writer()
						.delete("/ResearchSubject?assigned-arm=" + guess + "&patient=" + t.rtmPatient)),
				new Door("transaction ifNoneExist on the arm, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(bundleIfNoneExist("assigned-arm=" + guess + "&patient=" + t.rtmPatient,
								t.subjectJson(null, null)))
						.post("/")),
				new Door("conditional reference on the arm, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(bundle("transaction", "POST", "Observation", "{\"resourceType\":\"Observation\","
								+ "\"status\":\"final\",\"code\":{\"text\":\"note\"},\"focus\":[{\"reference\":"
								+ "\"ResearchSubject?assigned-arm=" + guess + "&patient=" + t.rtmPatient + "\"}]}"))
						.post("/")),
				new Door("PUT with the arm, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(t.subjectJson(t.rtmSubject, guess)).put("/" + t.rtmSubject)),
				new Door("JSON Patch test of the arm, guess " + guess, t -> t.writer()
						.contentType("application/json-patch+json")
						.body("[{\"op\":\"test\",\"path\":\"/assignedArm\",\"value\":\"" + guess + "\"}]")
						.patch("/" + t.rtmSubject)),
				new Door("transaction PATCH entry, guess " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(bundle("transaction", "PATCH", "/" + t.rtmSubject, "{\"resourceType\":"
								+ "\"Binary\",\"contentType\":\"application/json-patch+json\",\"data\":\""
								+ Base64.getEncoder().encodeToString(("[{\"op\":\"test\",\"path\":"
										+ "\"/assignedArm\",\"value\":\"" + guess + "\"}]").getBytes())
								+ "\"}"))
						.post("/")),
				new Door("create a blinded subject with an arm, " + guess, t -> t.writer().contentType(FHIR_JSON)
						.body(t.subjectJson(null, guess)).post("/ResearchSubject"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("armOracles")
	void aWriteOnTheArmAnswersTheSame403WhateverTheGuess(Door door) {
		assertRefused(door.send().apply(this));
		ResearchSubject stored = FhirTestClient.fhir(port).read().resource(ResearchSubject.class).withId(rtmSubject)
				.execute();
		assertThat(stored.getAssignedArm()).isEqualTo("rTM");
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
	}

	/** What a blinded client may read: the subjects, through every door, without their arms. */
	static Stream<Door> reads() {
		return Stream.of(
				get("read", t -> "/" + t.rtmSubject),
				get("vread", t -> "/" + t.rtmSubject + "/_history/1"),
				get("instance history", t -> "/" + t.rtmSubject + "/_history"),
				get("type history", t -> "/ResearchSubject/_history?_count=1000"),
				get("search by study", t -> "/ResearchSubject?study=" + t.blinded),
				get("search with _summary=text", t -> "/ResearchSubject?study=" + t.blinded + "&_summary=text"),
				get("search with _elements", t -> "/ResearchSubject?study=" + t.blinded + "&_elements=assignedArm,study"),
				get("_revinclude from the patient", t -> "/Patient?_id=" + t.rtmPatient
						+ "&_revinclude=ResearchSubject:individual"),
				get("_include of the study", t -> "/ResearchSubject?_id=" + t.rtmSubject
						+ "&_include=ResearchSubject:study"),
				get("the second page", t -> t.nextPage("/ResearchSubject?study=" + t.blinded + "&_count=1")),
				get("$everything", t -> "/" + t.rtmPatient + "/$everything"),
				new Door("batch GET of the subject", t -> t.reader().contentType(FHIR_JSON)
						.body(bundle("batch", "GET", t.rtmSubject, null)).post("/")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reads")
	void noResponseCarriesTheArm(Door door) throws Exception {
		Response response = door.send().apply(this);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		List<JsonNode> shown = subjectsOf(JSON.readTree(response.asString()), blinded);
		assertThat(shown).as("the blinded subjects in " + response.asString()).isNotEmpty().allSatisfy(subject -> {
			assertThat(subject.has("assignedArm")).isFalse();
			assertThat(subject.has("actualArm")).isFalse();
			assertThat(subject.has("text")).as("the narrative may spell the arm out").isFalse();
		});
	}

	/** Every ResearchSubject of the study anywhere in the response (entries, parts, contained). */
	private static List<JsonNode> subjectsOf(JsonNode node, String study) {
		List<JsonNode> found = new ArrayList<>();
		if (node.isObject() && "ResearchSubject".equals(node.path("resourceType").asText())
				&& study.equals(node.path("study").path("reference").asText())) {
			found.add(node);
		}
		node.elements().forEachRemaining(child -> found.addAll(subjectsOf(child, study)));
		return found;
	}

	@Test
	void writingBackTheMaskedCopyKeepsTheAllocationAndAnswersItMasked() {
		String subject = subject(blinded, patient(), "control");
		Response masked = reader().get("/" + subject);
		String copy = masked.asString().replace("\"on-study\"", "\"off-study\"");
		Response updated = writer().contentType(FHIR_JSON).header("Prefer", "return=representation").body(copy)
				.put("/" + subject);
		assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
		assertThat(updated.asString()).contains("off-study").doesNotContain("assignedArm");
		ResearchSubject stored = FhirTestClient.fhir(port).read().resource(ResearchSubject.class).withId(subject)
				.execute();
		assertThat(stored.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.OFFSTUDY);
		assertThat(stored.getAssignedArm()).isEqualTo("control");
		assertThat(stored.getMeta().getSecurity()).noneMatch(label -> label.getCode().equals("MASKED"));
	}

	@Test
	void aBlindedSubjectCannotBeMovedToAnOpenLabelStudy() {
		String subject = subject(blinded, patient(), "rTM");
		String moved = reader().get("/" + subject).asString().replace(blinded, openLabel);
		assertRefused(writer().contentType(FHIR_JSON).body(moved).put("/" + subject));
		assertThat(FhirTestClient.fhir(port).read().resource(ResearchSubject.class).withId(subject).execute()
				.getStudy().getReference()).isEqualTo(blinded);
	}

	/** A search parameter on the arm added at run time is an arm parameter as soon as HAPI knows it. */
	@Test
	void aSearchParameterAddedOnTheArmIsRefusedToo() {
		String code = "arm-" + UUID.randomUUID().toString().substring(0, 8);
		String parameter = "{\"resourceType\":\"SearchParameter\",\"url\":\"http://example.org/sp/" + code + "\","
				+ "\"name\":\"" + code + "\",\"status\":\"active\",\"description\":\"x\",\"code\":\"" + code
				+ "\",\"base\":[\"ResearchSubject\"],\"type\":\"token\",\"expression\":\"ResearchSubject.actualArm\"}";
		FhirTestClient.http(port).contentType(FHIR_JSON).body(parameter).post("/SearchParameter").then().statusCode(201);
		Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> FhirTestClient.http(port).get("/ResearchSubject?" + code + "=rTM").statusCode() == 200);
		assertRefused(reader().get("/ResearchSubject?" + code + "=rTM"));
		assertRefused(reader().get("/Patient?_has:ResearchSubject:individual:" + code + "=rTM"));
	}

	@Test
	void anOpenLabelStudyIsSearchedByArmEvenWhileABlindedOneExists() {
		Response response = reader().get("/ResearchSubject?study=" + openLabel + "&assigned-arm=rTM");
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.jsonPath().getList("entry.resource.id")).containsExactly(openSubject.split("/")[1]);
	}

	@Test
	void anUnblindedTokenSearchesByArm() {
		Response response = FhirTestClient.http(port, TestRole.ADMIN)
				.get("/Patient?_has:ResearchSubject:individual:assigned-arm=rTM&_id=" + rtmPatient.split("/")[1]);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.jsonPath().getInt("total")).isEqualTo(1);
	}

	private static void assertRefused(Response response) {
		if (response.statusCode() == 200 && response.asString().contains("\"batch-response\"")) {
			assertThat(response.jsonPath().getString("entry[0].response.status")).startsWith("403");
			return;
		}
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
	}

	private RequestSpecification reader() {
		return FhirTestClient.http(port, TestRole.RESEARCH);
	}

	/** A coordinator-like token: every interaction, but not the 'unblinded' scope. */
	private RequestSpecification writer() {
		return FhirTestClient.anonymousHttp(port).header("Authorization", "Bearer "
				+ ServerTokenMinter.valid("user/*.cruds"));
	}

	private String nextPage(String search) {
		String next = reader().get(search).jsonPath().getString("link.find { it.relation == 'next' }.url");
		return next.substring(next.indexOf("/fhir") + "/fhir".length());
	}

	private String subjectJson(String id, String arm) {
		ResearchSubject subject = TrialFixtures.subject(blinded, rtmPatient, arm, Instant.parse("2026-03-01T08:00:00Z"));
		if (id != null) {
			subject.setId(id);
		}
		return FhirTestClient.json(subject);
	}

	private static Door get(String name, Function<BlindingDoorsIT, String> path) {
		return new Door(name, t -> t.reader().get(path.apply(t)));
	}

	private static String bundle(String type, String method, String url, String resource) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[{\"request\":{\"method\":\"" + method
				+ "\",\"url\":\"" + url + "\"}" + (resource == null ? "" : ",\"resource\":" + resource) + "}]}";
	}

	private static String bundleIfNoneExist(String condition, String resource) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"POST\","
				+ "\"url\":\"ResearchSubject\",\"ifNoneExist\":\"" + condition + "\"},\"resource\":" + resource + "}]}";
	}

	private String study(boolean isBlinded) {
		ResearchStudy study = TrialFixtures.study(isBlinded ? "blinded doors" : "open-label doors");
		study.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(isBlinded));
		return FhirTestClient.fhir(port).create().resource(study).execute().getId().toUnqualifiedVersionless()
				.getValue();
	}

	private String patient() {
		return FhirTestClient.fhir(port).create().resource(TrialFixtures.patient("door-" + UUID.randomUUID(),
				LocalDate.of(1950, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private String subject(String study, String patient, String arm) {
		ResearchSubject subject = TrialFixtures.subject(study, patient, arm, Instant.parse("2026-03-01T08:00:00Z"));
		subject.setActualArm(arm);
		subject.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">assignedArm " + arm + "</div>");
		return FhirTestClient.fhir(port).create().resource(subject).execute().getId().toUnqualifiedVersionless()
				.getValue();
	}
}
