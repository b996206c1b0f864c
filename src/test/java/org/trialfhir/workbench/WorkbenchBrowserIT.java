package org.trialfhir.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.trialfhir.adjudication.AdjudicationTags;
import org.trialfhir.demo.DemoTrial;
import org.trialfhir.ingest.pull.hospital.FakeHospital;
import org.trialfhir.ingest.pull.source.EhrAuth;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * The workbench in Debian's headless Chromium against the real server and the demo trial: sign-in of every demo
 * user, what each role's pages show, the blind in the page and in every response the page received, randomizing a
 * demo patient, the analysis and interim reports' charts, adjudicating a pulled value, the audit filter; an axe-core
 * scan and a screenshot of each page.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	DaoRegistry daos;

	@Autowired
	EhrSources sources;

	Browser browser;

	@BeforeAll
	void start() throws Exception {
		DemoTrial.load(context); // imported and derived, as at the demo's start
		browser = new Browser(port);
	}

	@AfterAll
	void stop() throws Exception {
		if (browser != null) {
			browser.close();
		}
	}

	/** Scans the page, saves its screenshot, and checks that nothing went wrong in the console. */
	private void checkPage(String screenshot) throws Exception {
		browser.screenshot(screenshot);
		checkPageAsShot(screenshot);
	}

	private void checkPageAsShot(String screenshot) throws Exception {
		assertThat(browser.seriousAccessibilityViolations()).as("axe-core on " + screenshot).isEmpty();
		assertThat(browser.consoleErrors()).as("console of " + screenshot).isEmpty();
		assertThat(browser.find(By.id("main")).getText()).as(screenshot).doesNotContain("Something went wrong", "Not allowed");
	}

	@Test
	void signedOutTheAppLeadsToTheLoginFormAndSigningInComesStraightBack() throws Exception {
		browser.open("/login");
		browser.driver.executeScript("sessionStorage.clear()");
		browser.driver.manage().deleteAllCookies();
		browser.open("/app/#/audit");
		browser.wait.until(ExpectedConditions.urlContains("/login"));
		assertThat(browser.find(By.cssSelector("form[method=post] input[name=username]")).getAttribute("type")).isEqualTo("text");
		assertThat(browser.find(By.cssSelector("form[method=post] input[name=password]")).getAttribute("type")).isEqualTo("password");
		browser.screenshot("01-login");
		assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the login page").isEmpty();

		browser.find(By.name("username")).sendKeys("auditor");
		browser.find(By.name("password")).sendKeys("wrong-password");
		browser.click(By.id("sign-in"));
		assertThat(browser.find(By.id("login-error")).getText()).contains("Wrong user name or password");

		browser.find(By.name("username")).sendKeys("auditor");
		browser.find(By.name("password")).sendKeys("auditor-password");
		browser.click(By.id("sign-in"));
		browser.wait.until(ExpectedConditions.textToBe(By.id("user"), "Signed in as auditor"));
		browser.loaded();
		// straight back to the workbench (the auditor's start is the audit trail), no consent screen in between
		assertThat(browser.driver.getCurrentUrl()).endsWith("/app/#/audit");
		browser.signOut();
	}

	@Test
	void everyDemoUserSignsInAndSeesTheNavigationOfTheRole() throws Exception {
		for (String user : List.of("coordinator", "clinician", "investigator", "research", "data-manager", "auditor")) {
			browser.signIn(user);
			browser.loaded();
			String navigation = browser.find(By.id("nav")).getText();
			if (user.equals("auditor")) {
				assertThat(navigation).as(user).contains("Audit").doesNotContain("Studies");
				assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Audit trail");
			} else {
				assertThat(navigation).as(user).contains("Studies").doesNotContain("Audit");
				assertThat(browser.find(By.cssSelector("[data-study=sim-study] h2")).getText()).as(user)
						.startsWith("Simulated trial");
			}
			assertThat(browser.consoleErrors()).as(user).isEmpty();
			browser.signOut();
		}
	}

	@Test
	void theBlindedResearchUserSeesNoArmInThePageNorInAnyResponse() throws Exception {
		browser.signIn("research");
		browser.loaded();
		browser.fhirResponseBodies(); // the studies page: the open-label study's arms are fine to see
		browser.page("#/study/demo-blinded-study");
		checkPage("03-study-blinded-research");
		String studyPage = browser.driver.getPageSource();
		browser.page("#/subject/demo-blind-s02");
		String subjectPage = browser.driver.getPageSource();
		List<String> responses = browser.fhirResponseBodies();

		assertThat(responses).as("responses the pages received").isNotEmpty()
				.anySatisfy(body -> assertThat(body).contains("demo-blind-s02"))
				.noneSatisfy(body -> assertThat(body).containsAnyOf("assignedArm", "actualArm"));
		for (String page : List.of(studyPage, subjectPage)) {
			assertThat(page).doesNotContain("placebo").doesNotContain(">rTM<").doesNotContain("arm rTM").doesNotContain("Arm<");
		}
		browser.signOut();

		// the same pages for the unblinded data manager do show the arm: the check above can see one
		browser.signIn("data-manager");
		browser.page("#/subject/demo-blind-s02");
		assertThat(browser.find(By.cssSelector("main .meta")).getText()).contains("arm rTM");
		browser.signOut();
	}

	@Test
	void theClinicianRandomizesADemoPatientAndAnIneligibleOneShowsTheFailedCriterion() throws Exception {
		browser.signIn("clinician");
		browser.loaded();
		checkPage("02-studies-clinician");
		browser.click(By.linkText("Simulated trial: recombinant thrombomodulin versus control in sepsis-induced DIC (seed 1)"));
		browser.loaded();
		browser.click(By.id("randomize-link"));
		browser.loaded();

		new Select(browser.find(By.id("patient"))).selectByValue("demo-screen-1");
		browser.find(By.id("criteria"));
		assertThat(browser.driver.findElements(By.cssSelector("#criteria tr.criterion.met"))).hasSize(5);
		checkPage("06-randomize-eligible");
		browser.click(By.id("randomize"));
		String arm = browser.find(By.id("allocation-arm")).getText();
		assertThat(arm).isIn("rTM", "control");
		checkPage("07-allocation-slip");

		new Select(browser.find(By.id("patient"))).selectByValue("demo-screen-4");
		browser.find(By.id("criteria"));
		assertThat(browser.find(By.cssSelector("#criteria tr[data-criterion=consent]")).getText()).contains("not met");
		browser.click(By.id("randomize"));
		assertThat(browser.find(By.id("ineligible")).getText()).contains("Not eligible").contains("[consent]");
		browser.screenshot("08-randomize-ineligible");

		browser.page("#/randomize/demo-blinded-study");
		new Select(browser.find(By.id("patient"))).selectByValue("demo-screen-2");
		browser.find(By.id("criteria"));
		browser.click(By.id("randomize"));
		assertThat(browser.find(By.id("allocation-arm")).getText()).isEqualTo("allocated, blinded");

		// no "Analysis" link for the clinician; typed in, the page says which scope is missing, in words
		browser.page("#/analysis/sim-study");
		assertThat(browser.find(By.cssSelector("main [role=alert]")).getText()).contains("Not allowed")
				.contains("user/ResearchStudy.$analyze (permission to run $analyze on ResearchStudy resources)");
		browser.consoleErrors(); // the refused request is in the console: read, expected
		browser.signOut();
	}

	@Test
	void theInvestigatorOpensTheAnalysisWithItsChartsInThePage() throws Exception {
		browser.signIn("investigator");
		browser.loaded();
		browser.click(By.linkText("Simulated trial: recombinant thrombomodulin versus control in sepsis-induced DIC (seed 1)"));
		browser.loaded();
		checkPage("04-study-dashboard");
		browser.click(By.linkText("Analysis"));
		browser.loaded();
		assertThat(browser.driver.findElements(By.tagName("iframe"))).isEmpty();
		assertThat(browser.driver.findElements(By.cssSelector("#report svg"))).isNotEmpty();
		assertThat(browser.driver.findElements(By.cssSelector("#report svg path, #report svg rect, #report svg polyline, #report svg line")))
				.isNotEmpty();
		checkPage("09-analysis");

		browser.page("#/study/sim-study");
		browser.click(By.id("interim-link"));
		browser.loaded();
		assertThat(browser.driver.findElements(By.tagName("iframe"))).isEmpty();
		assertThat(browser.driver.findElements(By.cssSelector("#interim-report svg"))).isNotEmpty();
		checkPage("11-interim");

		browser.page("#/subject/sim-s0001");
		assertThat(browser.driver.findElements(By.cssSelector(".timeline button.cell"))).isNotEmpty();
		browser.screenshot("05-subject-timeline");
		browser.click(By.cssSelector(".timeline button.cell"));
		browser.find(By.cssSelector("#score-detail a[href^='#/observation/']"));
		assertThat(browser.driver.findElements(By.cssSelector(".multiples svg"))).isNotEmpty();
		browser.screenshot("05-subject-score-components", By.id("score-detail"));
		checkPageAsShot("05-subject-score-components");
		browser.signOut();
	}

	@Test
	void theCoordinatorAcceptsAPendingPulledValueInThePage() throws Exception {
		// a value as a hospital source with adjudication required leaves it: preliminary, tagged pending
		ResearchSubject subject = daos.getResourceDao(ResearchSubject.class)
				.read(new IdType("ResearchSubject/sim-s0002"), new SystemRequestDetails());
		Observation value = TrialFixtures.lab(subject.getIndividual().getReference(), "777-3", 8.5, "10*4/uL",
				subject.getPeriod().getStart().toInstant().plus(Duration.ofHours(30)));
		value.setStatus(Observation.ObservationStatus.PRELIMINARY);
		value.getMeta().addTag(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		String id = daos.getResourceDao(Observation.class).create(value, new SystemRequestDetails()).getId().getIdPart();

		// a pending value of a patient outside the study: the study's pages never ask for it
		String outsider = daos.getResourceDao(Patient.class).create(TrialFixtures.patient("outsider-" + System.nanoTime(),
				java.time.LocalDate.of(1950, 1, 1)), new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue();
		Observation outside = TrialFixtures.lab(outsider, "777-3", 9.5, "10*4/uL",
				subject.getPeriod().getStart().toInstant().plus(Duration.ofHours(30)));
		outside.setStatus(Observation.ObservationStatus.PRELIMINARY);
		outside.getMeta().addTag(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null);
		String outsideId = daos.getResourceDao(Observation.class).create(outside, new SystemRequestDetails()).getId()
				.getIdPart();

		browser.signIn("coordinator");
		browser.loaded();
		browser.fhirResponseBodies();
		browser.page("#/study/sim-study");
		assertThat(browser.find(By.id("pending-count")).getText()).contains("waiting for a decision");
		assertThat(browser.fhirResponseBodies()).as("responses to the dashboard's requests")
				.anySatisfy(body -> assertThat(body).contains("\"" + id + "\""))
				.noneSatisfy(body -> assertThat(body).contains("\"" + outsideId + "\""));
		browser.click(By.id("adjudication-link"));
		browser.loaded();
		By row = By.cssSelector("tr[data-observation='" + id + "']");
		// 30 h after T0 is study day 2
		assertThat(browser.find(row).getText()).contains("sim-s0002").contains("8.5");
		assertThat(browser.find(By.cssSelector("tr[data-observation='" + id + "'] td:nth-child(3)")).getText()).isEqualTo("2");
		checkPage("12-adjudication");

		// rejecting asks for the reason first and writes nothing without one
		browser.click(By.cssSelector("tr[data-observation='" + id + "'] button.reject"));
		assertThat(browser.find(By.cssSelector("#adjudication-status [role=alert]")).getText()).contains("reason");

		browser.click(By.cssSelector("tr[data-observation='" + id + "'] button.accept"));
		browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("adjudication-status"), "Accepted"));
		browser.wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
		Observation decided = FhirTestClient.fhir(port, TestRole.ADMIN).read().resource(Observation.class).withId(id).execute();
		assertThat(decided.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(decided.getMeta().getTag(AdjudicationTags.SYSTEM, AdjudicationTags.ACCEPTED)).isNotNull();
		assertThat(decided.getMeta().getTag(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING)).isNull();
		assertThat(browser.consoleErrors()).isEmpty();
		daos.getResourceDao(Observation.class).delete(new IdType("Observation/" + outsideId), new SystemRequestDetails());
		browser.signOut();
	}

	@Test
	void theAuditorFiltersTheTrailByUser() throws Exception {
		browser.signIn("research");
		browser.loaded();
		browser.signOut();
		browser.signIn("auditor");
		browser.loaded();
		browser.find(By.id("audit-user")).sendKeys("research");
		browser.click(By.cssSelector("#audit-filter button[type=submit]"));
		browser.wait.until(ExpectedConditions.urlContains("user=research"));
		browser.loaded();
		// the research user's requests become AuditEvents within a publishing round: filter again until they are in
		for (int round = 0; round < 60 && browser.driver.findElements(By.cssSelector("#audit-events tbody tr")).isEmpty(); round++) {
			browser.page("#/audit?user=research&round=" + round);
		}
		List<String> who = browser.driver.findElements(By.cssSelector("#audit-events tbody tr td:nth-child(2)")).stream()
				.map(cell -> cell.getText()).toList();
		assertThat(who).isNotEmpty().allSatisfy(cell -> assertThat(cell).startsWith("research"));
		checkPage("10-audit");
		browser.signOut();
	}

	@Test
	void aDeepLinkOpenedSignedOutLandsOnThatPageAfterSigningIn() throws Exception {
		browser.open("/login");
		browser.driver.executeScript("sessionStorage.clear()");
		browser.driver.manage().deleteAllCookies();
		browser.open("/app/#/subject/sim-s0003");
		browser.wait.until(ExpectedConditions.urlContains("/login"));
		// a wrong password first: the way back survives the login page's error round trip too
		browser.find(By.name("username")).sendKeys("investigator");
		browser.find(By.name("password")).sendKeys("wrong-password");
		browser.click(By.id("sign-in"));
		browser.find(By.id("login-error"));
		browser.find(By.name("username")).sendKeys("investigator");
		browser.find(By.name("password")).sendKeys("investigator-password");
		browser.click(By.id("sign-in"));
		browser.wait.until(ExpectedConditions.textToBe(By.id("user"), "Signed in as investigator"));
		browser.loaded();
		assertThat(browser.driver.getCurrentUrl()).endsWith("/app/#/subject/sim-s0003");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Subject sim-s0003");
		assertThat(browser.consoleErrors()).isEmpty();
		browser.signOut();
	}

	@Test
	void theCoordinatorSeesTheLastPullOfEachHospitalSourceOnTheDashboard() throws Exception {
		// the demo patients' MRN system: a source that cannot be reached fails for each followed demo subject
		Patient demoPatient = daos.getResourceDao(Patient.class).read(new IdType("Patient/sim-p0001"),
				new SystemRequestDetails());
		String demoMrns = demoPatient.getIdentifierFirstRep().getSystem();
		EhrSource.RetryPolicy once = new EhrSource.RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10),
				Duration.ofSeconds(1));
		try (FakeHospital hospital = FakeHospital.start()) {
			// a hospital that answers, for an MRN system no subject has: a run without anything to pull, completed
			EhrSource answering = new EhrSource("hospital-a", URI.create(hospital.baseUrl()), "urn:example:mrn:nobody",
					EhrAuth.NONE, null, 50, Duration.ofSeconds(5), EhrSource.FetchMode.SEARCH, null, once, null);
			EhrSource down = new EhrSource("hospital-b", URI.create("http://127.0.0.1:" + closedPort() + "/fhir"),
					demoMrns, EhrAuth.NONE, null, 50, Duration.ofSeconds(2), EhrSource.FetchMode.SEARCH, null, once,
					null);
			sources.register(answering);
			sources.register(down);
			try {
				FhirTestClient.http(port, TestRole.ADMIN).contentType("application/fhir+json").body(
						"{\"resourceType\": \"Parameters\", \"parameter\": [{\"name\": \"source\", \"valueString\": \"hospital-a\"},"
								+ " {\"name\": \"source\", \"valueString\": \"hospital-b\"}]}")
						.post("/$pull").then().statusCode(200);

				browser.signIn("coordinator");
				browser.page("#/study/sim-study");
				By hospitalA = By.cssSelector("#hospital-sources tr[data-source='hospital-a']");
				By hospitalB = By.cssSelector("#hospital-sources tr[data-source='hospital-b']");
				assertThat(browser.find(hospitalA).getText()).contains("completed").contains("fetched 0");
				assertThat(browser.find(By.cssSelector("#hospital-sources tr[data-source='hospital-b'] td:nth-child(3)"))
						.getText()).isEqualTo("failed");
				assertThat(browser.find(By.cssSelector("#hospital-sources tr[data-source='hospital-b'] td.errors li"))
						.getText()).startsWith("ResearchSubject/");
				assertThat(browser.find(hospitalB).getText()).contains("recorded");
				browser.screenshot("13-hospital-sources", By.id("hospital-sources"));
				checkPageAsShot("13-hospital-sources");
				browser.signOut();

				// a role without $pull-status sees no such card, and asks for nothing it may not
				browser.signIn("investigator");
				browser.page("#/study/sim-study");
				assertThat(browser.driver.findElements(By.id("hospital-sources"))).isEmpty();
				assertThat(browser.consoleErrors()).isEmpty();
				browser.signOut();
			} finally {
				sources.remove(answering.name());
				sources.remove(down.name());
			}
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
