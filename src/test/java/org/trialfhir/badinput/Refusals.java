package org.trialfhir.badinput;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.trialfhir.support.FhirTestClient;

/** What every refusal of bad input looks like, and how the tests send it and check that nothing was stored. */
final class Refusals {

	static final String FHIR_JSON = "application/fhir+json";
	static final String FHIR_XML = "application/fhir+xml";

	private Refusals() {}

	static RequestSpecification json(int port) {
		return FhirTestClient.http(port).contentType(FHIR_JSON).accept(FHIR_JSON);
	}

	/** The status, an OperationOutcome, and the offending element as the expression. */
	static void refused(Response response, int status, String expression) {
		response.then().statusCode(status)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].severity", equalTo("error"))
				.body("issue[0].expression[0]", equalTo(expression));
	}

	/** The status, an OperationOutcome, and diagnostics naming the element (when HAPI cannot say where it is). */
	static void refusedNaming(Response response, int status, String element) {
		response.then().statusCode(status)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].severity", equalTo("error"))
				.body("issue[0].diagnostics", containsString(element));
	}

	/** How many resources of the type a search finds (e.g. by an identifier only the test used). */
	static int count(int port, Class<? extends IBaseResource> type, String query) {
		IGenericClient fhir = FhirTestClient.fhir(port);
		return fhir.search().byUrl(FhirTestClient.context().getResourceType(type) + "?" + query + "&_summary=count")
				.returnBundle(Bundle.class).execute().getTotal();
	}

	static void serverStillAnswers(int port) {
		FhirTestClient.anonymousHttp(port).get("/metadata").then().statusCode(200);
	}
}
