package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@code $completeness} on a 10-subject trial written with a schedule of its own (platelets and fibrinogen daily on
 * days 1–4, heart rate twice a day on days 1–2, vital status at day 28), T0 3 days and 1 hour ago, so that days 1–3
 * are due and day 4 is not. Every value is there except at known places; the expected rows are worked out from what
 * was left out, changed or added, not from the server's answer.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletenessIT {

	private static final String PLATELETS = "http://loinc.org|777-3";
	private static final String FIBRINOGEN = "http://loinc.org|3255-7";
	private static final String HEART_RATE = "http://loinc.org|8867-4";
	private static final String VITAL_STATUS = "http://trialfhir.org/fhir/CodeSystem/trial-ecrf|vital-status";
	private static final String SITE_SYSTEM = "http://trialfhir.org/fhir/sid/site";

	@LocalServerPort
	int port;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(73));
	private String study;
	private String siteB;
	/** subject number (1..10) → ResearchSubject id, Patient id */
	private final Map<Integer, String> subjects = new LinkedHashMap<>();
	private final Map<Integer, String> patients = new LinkedHashMap<>();
	private String duplicatePlatelet;
	private String jumpPlatelet;
	private String implausiblePlatelet;

	@BeforeAll
	void writeTheTrial() {
		IGenericClient admin = FhirTestClient.fhir(port);
		String siteA = create(admin, site("a"));
		siteB = create(admin, site("b"));
		String plan = create(admin, plan());
		ResearchStudy rs = TrialFixtures.study("completeness " + run);
		rs.addProtocol(new Reference(plan));
		study = create(admin, rs);
		for (int s = 1; s <= 10; s++) {
			Patient patient = TrialFixtures.patient("cmp-" + run + "-" + s, LocalDate.of(1950, 1, 1));
			patient.setManagingOrganization(new Reference(s <= 5 ? siteA : siteB));
			if (s == 10) { // died on day 2, 20 h into it: days 3 and 4 are not applicable; its vital status is known
				patient.setDeceased(new DateTimeType(Date.from(at(2, 20))));
			}
			patients.put(s, create(admin, patient));
			subjects.put(s, create(admin, TrialFixtures.subject(study, patients.get(s), s % 2 == 0 ? "rTM" : "control", t0)));
		}
		for (int s = 1; s <= 10; s++) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int day = 1; day <= 3; day++) {
				if (s == 10 && day == 3) {
					continue; // dead
				}
				double platelets = s == 2 && day == 1 ? 2500 : 150; // 2,500 ×10⁹/L: above the plausible 2,000
				if (!(s == 5 && day == 1)) { // removed: subject 5's platelets of day 1
					add(bundle, lab(s, "777-3", platelets, "10*9/L", at(day, 2)));
				}
				if (!(s == 3 && day == 2)) { // removed: subject 3's fibrinogen of day 2
					add(bundle, lab(s, "3255-7", 300, "mg/dL", at(day, 2)));
				}
				if (day <= 2) {
					add(bundle, heartRate(s, 90, at(day, 1)));
					if (!(s == 7 && day == 2)) { // removed: subject 7's second heart rate of day 2
						add(bundle, heartRate(s, 95, at(day, 13)));
					}
				}
			}
			Bundle stored = admin.transaction().withBundle(bundle).execute();
			assertThat(stored.getEntry()).allMatch(e -> e.getResponse().getStatus().startsWith("201"));
		}
		// subject 4, day 3: a second platelet count at the very same time, with another value
		duplicatePlatelet = create(admin, lab(4, "777-3", 90, "10*9/L", at(3, 2)));
		// subject 6, day 2: 150 at 2 h, then 500 at 10 h: a rise of 350 ×10⁹/L within the day (plausible: 300)
		jumpPlatelet = create(admin, lab(6, "777-3", 500, "10*9/L", at(2, 10)));
		implausiblePlatelet = admin.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patients.get(2))).and(Observation.CODE.exactly().systemAndCode(
						"http://loinc.org", "777-3"))
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Observation) e.getResource())
				.filter(o -> o.getValueQuantity().getValue().compareTo(BigDecimal.valueOf(2500)) == 0)
				.map(o -> o.getIdElement().toUnqualifiedVersionless().getValue()).findFirst().orElseThrow();
	}

	@Test
	void csvListsExactlyWhatWasLeftOutAndWhatIsNotDueOrNotApplicable() {
		List<List<String>> body = csvBody("/" + study + "/$completeness?_format=csv", TestRole.INVESTIGATOR);

		assertThat(where(body, "missing")).containsExactlyInAnyOrder(key(5, 1, PLATELETS), key(3, 2, FIBRINOGEN),
				key(7, 2, HEART_RATE));
		assertThat(detail(body, 7, 2, HEART_RATE, "missing")).contains("1 of 2 values");
		// subject 10 died on day 2: its labs of days 3 and 4 are not applicable
		assertThat(where(body, "not-applicable")).containsExactlyInAnyOrder(key(10, 3, PLATELETS),
				key(10, 3, FIBRINOGEN), key(10, 4, PLATELETS), key(10, 4, FIBRINOGEN));
		// day 4 has not ended; day 28 is weeks away, except for subject 10, whose death answers it
		Set<String> notYetDue = new HashSet<>();
		for (int s = 1; s <= 9; s++) {
			notYetDue.addAll(List.of(key(s, 4, PLATELETS), key(s, 4, FIBRINOGEN), key(s, 28, VITAL_STATUS)));
		}
		assertThat(where(body, "not-yet-due")).containsExactlyInAnyOrderElementsOf(notYetDue);
		// everything else expected was received: 10 subjects × (labs days 1-3, heart rate days 1-2) minus what was
		// removed or not applicable, plus subject 10's vital status
		int expectedReceived = 10 * (2 * 3 + 2) - 2 /* subject 10, day 3 */ - 3 /* removed */ + 1;
		assertThat(where(body, "received")).hasSize(expectedReceived).contains(key(10, 28, VITAL_STATUS));
		assertThat(detail(body, 10, 28, VITAL_STATUS, "received")).startsWith(patients.get(10));
		assertThat(detail(body, 1, 1, PLATELETS, "received")).startsWith("Observation/");
	}

	@Test
	void implausibleValuesAreFindingsAndStillCount() {
		List<List<String>> body = csvBody("/" + study + "/$completeness?_format=csv", TestRole.ADMIN);
		assertThat(where(body, "implausible")).containsExactlyInAnyOrder(key(2, 1, PLATELETS), key(4, 3, PLATELETS),
				key(6, 2, PLATELETS));
		assertThat(detail(body, 2, 1, PLATELETS, "implausible")).startsWith(implausiblePlatelet)
				.contains("outside the plausible range");
		assertThat(detail(body, 4, 3, PLATELETS, "implausible")).contains("duplicate time");
		assertThat(detail(body, 6, 2, PLATELETS, "implausible")).startsWith(jumpPlatelet).contains("within study day 2");
		// stored as sent and counted as received
		assertThat(where(body, "received")).contains(key(2, 1, PLATELETS));
	}

	@Test
	void scoresOfADayWithARemovedInputNameTheMissingComponentAndWhy() {
		List<List<String>> body = csvBody("/" + study + "/$completeness?_format=csv", TestRole.ADMIN);
		String isth = "http://trialfhir.org/fhir/CodeSystem/trial-score|isth-dic";
		// FDP and PT are never sent, so ISTH DIC is short of components on every due, applicable day; platelets and
		// fibrinogen are missing from it exactly where they were removed
		for (int s = 1; s <= 10; s++) {
			for (int day = 1; day <= 3; day++) {
				if (s == 10 && day == 3) {
					continue;
				}
				String subject = id(subjects.get(s));
				String dayText = String.valueOf(day);
				List<String> row = body.stream().filter(r -> r.get(0).equals(subject) && r.get(1).equals(dayText)
						&& r.get(2).equals(isth) && r.get(3).startsWith("score-")).findFirst()
						.orElseThrow(() -> new AssertionError("no ISTH DIC finding"));
				String detail = row.get(4);
				assertThat(detail.contains("isth-dic-platelets")).as("subject %s day %s: %s", s, day, detail)
						.isEqualTo(s == 5 && day == 1);
				assertThat(detail.contains("isth-dic-fibrinogen")).as("subject %s day %s: %s", s, day, detail)
						.isEqualTo(s == 3 && day == 2);
				assertThat(detail).contains("isth-dic-fibrin-marker");
			}
		}
		assertThat(body.stream().filter(r -> r.get(0).equals(id(subjects.get(5))) && r.get(1).equals("1")
				&& r.get(2).equals(isth)).findFirst().orElseThrow().get(4)).contains("missing that day: platelets");
		// no score rows on days not due or not applicable
		assertThat(body.stream().filter(r -> r.get(3).startsWith("score-"))
				.map(r -> Integer.parseInt(r.get(1)))).allMatch(day -> day >= 1 && day <= 3);
		assertThat(body.stream().filter(r -> r.get(3).startsWith("score-") && r.get(0).equals(id(subjects.get(10)))
				&& r.get(1).equals("3"))).isEmpty();
	}

	@Test
	void parametersSummarisePerDayAndPerVariable() {
		Parameters p = parameters(get("/" + study + "/$completeness", TestRole.INVESTIGATOR));
		assertThat(p.getParameter("schedule").getValue()).isInstanceOf(Reference.class);
		Map<Integer, List<String>> days = new LinkedHashMap<>();
		for (var day : p.getParameters("day-summary")) {
			days.put(Integer.parseInt(part(day, "day")), List.of(part(day, "expected"), part(day, "received"),
					part(day, "percent")));
		}
		// day 1: 10 subjects × 3 items = 30, subject 5's platelets missing; day 2: 30, two missing; day 3: 9
		// subjects × 2 labs (subject 10 dead); day 4: nothing due; day 28: subject 10's vital status
		assertThat(days).containsExactly(Map.entry(1, List.of("30", "29", "96.7")),
				Map.entry(2, List.of("30", "28", "93.3")), Map.entry(3, List.of("18", "18", "100.0")),
				Map.entry(4, List.of("0", "0", "")), Map.entry(28, List.of("1", "1", "100.0")));
		Map<String, List<String>> variables = new LinkedHashMap<>();
		for (var variable : p.getParameters("variable-summary")) {
			variables.put(part(variable, "item"), List.of(part(variable, "expected"), part(variable, "received")));
		}
		// platelets: 10 + 10 + 9 due, one missing; fibrinogen the same; heart rate 10 + 10, one missing
		assertThat(variables).containsEntry(PLATELETS, List.of("29", "28")).containsEntry(FIBRINOGEN, List.of("29", "28"))
				.containsEntry(HEART_RATE, List.of("20", "19")).containsEntry(VITAL_STATUS, List.of("1", "1"));
		List<String> findings = p.getParameters("finding").stream()
				.map(f -> id(((Reference) f.getPart().stream().filter(x -> x.getName().equals("subject")).findFirst()
						.orElseThrow().getValue()).getReference()) + "/" + part(f, "day") + "/" + part(f, "item") + "/"
						+ part(f, "status"))
				.filter(f -> f.endsWith("/missing") || f.endsWith("/implausible")).toList();
		assertThat(findings).containsExactlyInAnyOrder(key(5, 1, PLATELETS) + "/missing",
				key(3, 2, FIBRINOGEN) + "/missing", key(7, 2, HEART_RATE) + "/missing",
				key(2, 1, PLATELETS) + "/implausible", key(4, 3, PLATELETS) + "/implausible",
				key(6, 2, PLATELETS) + "/implausible");
	}

	@Test
	void dayAndSiteNarrowTheCheck() {
		List<List<String>> body = csvBody("/" + study + "/$completeness?_format=csv&day=2&site=site-b-" + run,
				TestRole.ADMIN);
		assertThat(body).allMatch(r -> r.get(1).equals("2"));
		assertThat(body.stream().map(r -> r.get(0)).distinct()).containsExactlyInAnyOrderElementsOf(
				IntStream.rangeClosed(6, 10).mapToObj(s -> id(subjects.get(s))).toList());
		assertThat(where(body, "missing")).containsExactly(key(7, 2, HEART_RATE));
		// the site by its Organization id, the same answer
		assertThat(csvBody("/" + study + "/$completeness?_format=csv&day=2&site=" + id(siteB), TestRole.ADMIN))
				.isEqualTo(body);
		// one subject: only its rows
		List<List<String>> one = csvBody("/" + subjects.get(5) + "/$completeness?_format=csv", TestRole.INVESTIGATOR);
		assertThat(one).allMatch(r -> r.get(0).equals(id(subjects.get(5))));
		assertThat(where(one, "missing")).containsExactly(key(5, 1, PLATELETS));
	}

	@Test
	void aDataQueryIsRaisedShownAndClosedWhenTheSiteAnswers() {
		IGenericClient admin = FhirTestClient.fhir(port);
		// a query to site B about subject 9's heart rate of day 2
		String subject = subjects.get(9);
		Task query = new Task();
		query.setStatus(Task.TaskStatus.REQUESTED);
		query.setIntent(Task.TaskIntent.ORDER);
		query.setCode(new CodeableConcept(new Coding("http://trialfhir.org/fhir/CodeSystem/trial-task", "data-query", null)));
		query.setFocus(new Reference(subject));
		query.setFor(new Reference(patients.get(9)));
		query.setOwner(new Reference(siteB));
		query.setDescription("Day 2: please confirm the heart rate");
		String task = create(admin, query);

		Parameters open = parameters(get("/" + subject + "/$completeness", TestRole.INVESTIGATOR));
		assertThat(open.getParameters("query")).hasSize(1);
		assertThat(((Reference) open.getParameters("query").get(0).getPart().get(0).getValue()).getReference())
				.isEqualTo(task);
		assertThat(part(open.getParameters("query").get(0), "status")).isEqualTo("requested");
		assertThat(get("/" + subject + "/$completeness?_format=html", TestRole.INVESTIGATOR)).contains(task)
				.contains("Day 2: please confirm the heart rate");

		// the site answers: it completes the Task
		Task answered = admin.read().resource(Task.class).withId(task).execute();
		answered.setStatus(Task.TaskStatus.COMPLETED);
		admin.update().resource(answered).execute();
		assertThat(parameters(get("/" + subject + "/$completeness", TestRole.INVESTIGATOR)).getParameters("query"))
				.isEmpty();
	}

	@Test
	void aDataQueryWithoutItsSiteOrQuestionIsRefused() {
		Task query = new Task();
		query.setStatus(Task.TaskStatus.REQUESTED);
		query.setIntent(Task.TaskIntent.ORDER);
		query.setCode(new CodeableConcept(new Coding("http://trialfhir.org/fhir/CodeSystem/trial-task", "data-query", null)));
		query.setFocus(new Reference(subjects.get(1)));
		query.setFor(new Reference(patients.get(1)));
		// no owner (the site) and no description (the question)
		FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json").body(FhirTestClient.json(query))
				.post("/Task").then().statusCode(422).body("resourceType", equalTo("OperationOutcome"))
				// the validator reports a missing element on its parent, naming the element in the message
				.body("issue.diagnostics", org.hamcrest.Matchers.hasItems(containsString("Task.owner: minimum required = 1"),
						containsString("Task.description: minimum required = 1")));
	}

	@Test
	void htmlIsAPrintablePageWithTheHeatmapAndTheFindings() {
		Response response = FhirTestClient.http(port, TestRole.INVESTIGATOR)
				.get("/" + study + "/$completeness?_format=html");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		String html = response.asString();
		assertThat(html).startsWith("<!DOCTYPE html>").contains("@media print").contains("<table>")
				.contains(id(subjects.get(5))).contains("missing").contains("implausible");
		// subject 5, day 1: 2 of 3 items received
		assertThat(html).contains(">2/3<");
	}

	@Test
	void aBlindedTokenSeesNoArm() {
		IGenericClient admin = FhirTestClient.fhir(port);
		ResearchStudy blinded = TrialFixtures.study("blinded completeness " + run, true);
		blinded.getArm().get(0).setName("arm-secret-" + run);
		String blindedStudy = create(admin, blinded);
		String patient = create(admin, TrialFixtures.patient("cmp-blind-" + run, LocalDate.of(1950, 1, 1)));
		create(admin, TrialFixtures.subject(blindedStudy, patient, "arm-secret-" + run, t0));
		for (String format : List.of("json", "xml", "csv", "html")) {
			String body = get("/" + blindedStudy + "/$completeness?_format=" + format, TestRole.INVESTIGATOR);
			assertThat(body).as(format).doesNotContain("arm-secret-" + run).doesNotContain("rTM").doesNotContain("control");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"day=-1|day",
		"day=abc|day",
		"day=|day",
		"site=no-such-site|site",
		"site=a&site=b|site",
		"as-of=garbage|as-of",
		"as-of=2026-01-05|as-of",
		"as-of=2026-01-05T10:00:00|as-of",
		"_format=pdf|_format",
		"_format=csv&_format=html|_format",
		"colour=red|colour"})
	void badInputIs400NamingTheParameter(String query, String parameter) {
		FhirTestClient.http(port, TestRole.ADMIN).get("/" + study + "/$completeness?" + query)
				.then().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].expression[0]", containsString(parameter));
	}

	@Test
	void aHugeDayListIs400() {
		String days = IntStream.rangeClosed(0, 400).mapToObj(d -> "day=" + (d % 300)).collect(Collectors.joining("&"));
		FhirTestClient.http(port, TestRole.ADMIN).get("/" + study + "/$completeness?" + days)
				.then().statusCode(400).body("issue[0].expression[0]", equalTo("day"));
	}

	@Test
	void anUnknownStudyOrSubjectIs404() {
		FhirTestClient.http(port, TestRole.ADMIN).get("/ResearchStudy/no-such-study-" + run + "/$completeness")
				.then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
		FhirTestClient.http(port, TestRole.ADMIN).get("/ResearchSubject/no-such-subject-" + run + "/$completeness")
				.then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
	}

	@Test
	void theRtmScheduleValidatesAndABrokenOneDoesNot() {
		PlanDefinition rtm = ScheduleOfActivities.rtm();
		rtm.setId((String) null);
		FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json").body(FhirTestClient.json(rtm))
				.post("/PlanDefinition/$validate").then().statusCode(200)
				.body("issue.findAll { it.severity == 'error' }", org.hamcrest.Matchers.empty());
		PlanDefinition broken = ScheduleOfActivities.rtm();
		broken.setId((String) null);
		broken.getAction().get(1).setTiming(null); // vital signs: a code, no timing
		FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json").body(FhirTestClient.json(broken))
				.post("/PlanDefinition/$validate").then()
				.body("issue.findAll { it.severity == 'error' }.diagnostics", org.hamcrest.Matchers.hasItem(
						containsString("trial-soa-1")));
	}

	@Test
	void theCapabilityStatementListsTheOperationWithItsDefinition() {
		var metadata = FhirTestClient.anonymous(port).capabilities()
				.ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
		for (String type : List.of("ResearchStudy", "ResearchSubject")) {
			assertThat(metadata.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type))
					.flatMap(r -> r.getOperation().stream()).filter(o -> o.getName().replace("$", "").equals("completeness"))
					.map(o -> o.getDefinition())).as(type)
					.containsExactly("http://trialfhir.org/fhir/OperationDefinition/completeness");
		}
	}

	// --- the trial ---

	private Instant at(int day, int hour) {
		return t0.plus(Duration.ofHours(24L * (day - 1) + hour));
	}

	private Organization site(String name) {
		Organization site = new Organization();
		site.setName("Completeness site " + name);
		site.addIdentifier().setSystem(SITE_SYSTEM).setValue("site-" + name + "-" + run);
		return site;
	}

	/** Platelets and fibrinogen daily on days 1-4, heart rate twice a day on days 1-2, vital status at day 28. */
	private static PlanDefinition plan() {
		PlanDefinition plan = new PlanDefinition();
		plan.getMeta().addProfile(ScheduleOfActivities.PROFILE);
		plan.setUrl("http://example.org/PlanDefinition/completeness-it-" + UUID.randomUUID());
		plan.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		plan.addAction().setTitle("T0").setId("t0");
		action(plan, 1, 4, 1, "http://loinc.org", "777-3", "http://loinc.org", "3255-7");
		action(plan, 1, 2, 2, "http://loinc.org", "8867-4");
		action(plan, 28, 28, 1, "http://trialfhir.org/fhir/CodeSystem/trial-ecrf", "vital-status");
		return plan;
	}

	private static void action(PlanDefinition plan, int first, int last, int perDay, String... systemsAndCodes) {
		var action = plan.addAction().setTitle("days " + first + "-" + last);
		for (int i = 0; i < systemsAndCodes.length; i += 2) {
			action.addCode(new CodeableConcept(new Coding(systemsAndCodes[i], systemsAndCodes[i + 1], null)));
		}
		var timing = new org.hl7.fhir.r4.model.Timing();
		timing.getRepeat().setBounds(new org.hl7.fhir.r4.model.Range().setLow(days(first)).setHigh(days(last)))
				.setFrequency(perDay).setPeriod(1).setPeriodUnit(org.hl7.fhir.r4.model.Timing.UnitsOfTime.D);
		action.setTiming(timing);
	}

	private static org.hl7.fhir.r4.model.SimpleQuantity days(int day) {
		var quantity = new org.hl7.fhir.r4.model.SimpleQuantity();
		quantity.setValue(day).setSystem("http://unitsofmeasure.org").setCode("d").setUnit("d");
		return quantity;
	}

	private Observation lab(int subject, String loinc, double value, String unit, Instant when) {
		return TrialFixtures.lab(patients.get(subject), loinc, value, unit, when);
	}

	private Observation heartRate(int subject, double value, Instant when) {
		Observation hr = TrialFixtures.lab(patients.get(subject), "8867-4", value, "/min", when);
		hr.setCategory(List.of(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null))));
		return hr;
	}

	private static void add(Bundle bundle, Observation observation) {
		bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
	}

	private static String create(IGenericClient client, org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}

	// --- reading the answers ---

	private String get(String path, TestRole role) {
		Response response = FhirTestClient.http(port, role).get(path);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		return response.asString();
	}

	private static Parameters parameters(String json) {
		return FhirTestClient.context().newJsonParser().parseResource(Parameters.class, json);
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
				.map(p -> p.getValue().primitiveValue()).orElse("");
	}

	private String key(int subject, int day, String item) {
		return id(subjects.get(subject)) + "/" + day + "/" + item;
	}

	/** The CSV's rows after its header, which must be exactly the documented one; every row has five fields. */
	private List<List<String>> csvBody(String path, TestRole role) {
		Response response = FhirTestClient.http(port, role).get(path);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/csv");
		List<List<String>> rows = csv(response.asString());
		assertThat(rows.get(0)).containsExactly("subject", "day", "item", "status", "detail");
		List<List<String>> body = rows.subList(1, rows.size());
		assertThat(body).allMatch(r -> r.size() == 5);
		return body;
	}

	private static List<String> where(List<List<String>> rows, String status) {
		return rows.stream().filter(r -> r.get(3).equals(status)).map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2))
				.toList();
	}

	private String detail(List<List<String>> rows, int subject, int day, String item, String status) {
		return rows.stream().filter(r -> (r.get(0) + "/" + r.get(1) + "/" + r.get(2)).equals(key(subject, day, item))
				&& r.get(3).equals(status)).findFirst().orElseThrow().get(4);
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
	static List<List<String>> csv(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					field.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			} else if (c == '\r') {
				// CRLF: the \n ends the row
			} else if (c == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			} else {
				field.append(c);
			}
		}
		return rows;
	}
}
