package org.trialfhir.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;

/** HTTP clients pointed at the server under test: REST Assured for raw HTTP, HAPI's generic client for FHIR. */
public final class FhirTestClient {

	private static final FhirContext CONTEXT = FhirContext.forR4Cached();

	static {
		RestAssured.registerParser("application/fhir+json", Parser.JSON);
		CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		CONTEXT.getRestfulClientFactory().setSocketTimeout(120_000);
	}

	private FhirTestClient() {}

	public static FhirContext context() {
		return CONTEXT;
	}

	public static String base(int port) {
		return "http://localhost:" + port + "/fhir";
	}

	public static IGenericClient fhir(int port) {
		return CONTEXT.newRestfulGenericClient(base(port));
	}

	/** REST Assured request against {@code /fhir} of the server under test. */
	public static RequestSpecification http(int port) {
		return RestAssured.given(new RequestSpecBuilder().setBaseUri("http://localhost").setPort(port)
				.setBasePath("/fhir").build());
	}

	public static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return CONTEXT.newJsonParser().encodeResourceToString(resource);
	}
}
