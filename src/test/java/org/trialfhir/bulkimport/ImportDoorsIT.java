package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.trialfhir.bulkimport.ImportJobs.NDJSON;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@code $import}'s doors: input URLs only from the allow-list and never redirected, a repeated kick-off answered with
 * the running job, a line of another type than its input reported, and hostile kick-offs and polls (missing, empty,
 * duplicated, wrong type, huge, without the scope, another client's job) refused with an OperationOutcome.
 */
@TrialFhirServerTest
class ImportDoorsIT {

	@LocalServerPort
	int port;

	static NdjsonHost host;

	ImportJobs jobs;

	@BeforeAll
	static void startHost() throws Exception {
		host = new NdjsonHost();
	}

	@AfterAll
	static void stopHost() {
		host.close();
	}

	@BeforeEach
	void client() {
		jobs = new ImportJobs(port);
	}

	@Test
	void aLineOfAnotherTypeThanItsInputIsReported() {
		String url = host.serve("/mixed/Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"impt-1\"}\n"
				+ "{\"resourceType\":\"Organization\",\"id\":\"impt-2\",\"name\":\"x\"}\n");
		JsonPath report = jobs.poll(jobs.kickOff(List.of(Map.of("type", "Patient", "url", url))).then().statusCode(202).extract()
				.header("Content-Location"));
		assertThat(report.getList("errors.line", Integer.class)).containsExactly(2);
		assertThat(report.getString("errors[0].source")).isEqualTo(url);
		assertThat(report.getString("errors[0].outcome.issue[0].diagnostics")).contains("Organization", "Patient");
		assertThat(report.getInt("counts.Patient.created")).isEqualTo(1);
	}

	@Test
	void aUrlOffTheAllowListIsRefusedAndNeverFetched() {
		Response refused = jobs.kickOff(List.of(Map.of("type", "Patient", "url", "http://127.0.0.1:9/Patient.ndjson")));
		refused.then().statusCode(400);
		assertThat(refused.jsonPath().getString("issue[0].expression[0]"))
				.isEqualTo("Parameters.parameter[1].part.where(name = 'url')");
		assertThat(refused.jsonPath().getString("issue[0].diagnostics")).contains("allow-list");
	}

	@Test
	void aRedirectIsNotFollowed() {
		String target = host.serve("/elsewhere/Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"impd-1\"}");
		String url = host.redirect("/moved/Patient.ndjson", target.replace("localhost", "127.0.0.1"));
		JsonPath report = jobs.poll(jobs.kickOff(List.of(Map.of("type", "Patient", "url", url))).then().statusCode(202).extract()
				.header("Content-Location"));
		assertThat(report.getString("status")).isEqualTo("failed");
		assertThat(report.getString("failure")).contains("302", "redirects are not followed");
		assertThat(host.requested).doesNotContain("/elsewhere/Patient.ndjson");
	}

	@Test
	void aRepeatedKickOffFindsTheRunningJob() {
		CountDownLatch release = host.hold("/slow/Patient.ndjson");
		String url = host.serve("/slow/Patient.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"imps-1\"}");
		String first = jobs.kickOff(List.of(Map.of("type", "Patient", "url", url))).then().statusCode(202).extract()
				.header("Content-Location");
		Response running = FhirTestClient.http(port).get(first.substring(first.indexOf("/$import-poll-status")));
		running.then().statusCode(202).header("X-Progress", "fetching the input URLs");
		String second = jobs.kickOff(List.of(Map.of("type", "Patient", "url", url))).then().statusCode(202).extract()
				.header("Content-Location");
		assertThat(second).isEqualTo(first);
		release.countDown();
		assertThat(jobs.poll(first).getInt("counts.Patient.created")).isEqualTo(1);
	}

	@Test
	void hostileKickOffsAndPollsAreRefusedWithAnOperationOutcome() {
		FhirTestClient.http(port).contentType(NDJSON).post("/$import").then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"));
		FhirTestClient.http(port).contentType(NDJSON).body("\n \n".getBytes(StandardCharsets.UTF_8)).post("/$import")
				.then().statusCode(400).contentType(startsWith("application/fhir+json"))
				.body("issue[0].diagnostics", containsString("no line"));
		FhirTestClient.http(port).contentType("text/plain").body("{}").post("/$import").then().statusCode(415);
		FhirTestClient.http(port).contentType("application/fhir+json")
				.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"inputFormat\",\"valueCode\":"
						+ "\"application/fhir+ndjson\"}]}")
				.post("/$import").then().statusCode(400);
		FhirTestClient.http(port).contentType("application/fhir+json")
				.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"input\",\"part\":["
						+ "{\"name\":\"type\",\"valueCode\":\"Patient\"},{\"name\":\"type\",\"valueCode\":\"Patient\"},"
						+ "{\"name\":\"url\",\"valueUri\":\"" + host.url("/x.ndjson") + "\"}]}]}")
				.post("/$import").then().statusCode(400)
				.body("issue[0].expression[0]", equalTo(
						"Parameters.parameter[0].part.where(name = 'type')"));
		FhirTestClient.http(port).contentType("application/fhir+json")
				.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"input\",\"part\":["
						+ "{\"name\":\"type\",\"valueCode\":\"NoSuchType\"},"
						+ "{\"name\":\"url\",\"valueUri\":\"" + host.url("/x.ndjson") + "\"}]}]}")
				.post("/$import").then().statusCode(400);
		String huge = "{\"resourceType\":\"Patient\",\"id\":\"imph-1\"}\n".repeat(40_000); // > 1 MB, the test limit
		FhirTestClient.http(port).contentType(NDJSON).body(huge.getBytes(StandardCharsets.UTF_8)).post("/$import")
				.then().statusCode(413);
		FhirTestClient.http(port, TestRole.EHR).contentType(NDJSON)
				.body("{\"resourceType\":\"Patient\",\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8)).post("/$import").then().statusCode(403);

		FhirTestClient.http(port).get("/$import-poll-status").then().statusCode(400);
		FhirTestClient.http(port).get("/$import-poll-status?_jobId=" + UUID.randomUUID()).then()
				.statusCode(404);
		FhirTestClient.http(port).get("/$import-poll-status?_jobId=not-a-job").then().statusCode(404);
		FhirTestClient.http(port).get("/$import-poll-status?_jobId=" + UUID.randomUUID() + "&_jobId="
				+ UUID.randomUUID()).then().statusCode(both(
						greaterThanOrEqualTo(400)).and(lessThan(500)));
		FhirTestClient.http(port).get("/$import-poll-status?_jobId=" + "x".repeat(5_000)).then().statusCode(
				both(greaterThanOrEqualTo(400))
						.and(lessThan(500)));
		String mine = jobs.inline("{\"resourceType\":\"Organization\",\"id\":\"impo-1\",\"name\":\"o\"}").then()
				.statusCode(202).extract().header("Content-Location");
		FhirTestClient.http(port, TestRole.RESEARCH).get(mine.substring(mine.indexOf("/$import-poll-status"))).then()
				.statusCode(403);
		jobs.poll(mine);
	}
}
