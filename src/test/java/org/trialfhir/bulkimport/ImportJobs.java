package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.trialfhir.support.FhirTestClient;

/** A client of the server's {@code $import} on that port: kick-off (inline NDJSON or by URL) and polling to the end. */
record ImportJobs(int port) {

	static final String NDJSON = "application/fhir+ndjson";

	Response inline(String ndjson) {
		return FhirTestClient.http(port).contentType(NDJSON).body(ndjson.getBytes(StandardCharsets.UTF_8))
				.post("/$import");
	}

	Response kickOff(List<Map<String, String>> inputs) {
		StringBuilder body = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"inputFormat\","
				+ "\"valueCode\":\"application/fhir+ndjson\"}");
		for (Map<String, String> input : inputs) {
			body.append(",{\"name\":\"input\",\"part\":[{\"name\":\"type\",\"valueCode\":\"").append(input.get("type"))
					.append("\"},{\"name\":\"url\",\"valueUri\":\"").append(input.get("url")).append("\"}]}");
		}
		return FhirTestClient.http(port).contentType("application/fhir+json").body(body.append("]}").toString())
				.post("/$import");
	}

	/** Polls the job's status until it ended; its report. */
	JsonPath poll(String contentLocation) {
		assertThat(contentLocation).startsWith(FhirTestClient.base(port) + "/$import-poll-status?_jobId=");
		String path = contentLocation.substring(FhirTestClient.base(port).length());
		Response[] last = new Response[1];
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = FhirTestClient.http(port).get(path);
			return last[0].statusCode() != 202;
		});
		last[0].then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/json"));
		return last[0].jsonPath();
	}
}
