package org.trialfhir.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
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

	/** A HAPI client with the data manager's token (every interaction). */
	public static IGenericClient fhir(int port) {
		return fhir(port, TestRole.ADMIN);
	}

	public static IGenericClient fhir(int port, TestRole role) {
		return withToken(port, Tokens.of(port, role));
	}

	public static IGenericClient withToken(int port, String token) {
		IGenericClient client = CONTEXT.newRestfulGenericClient(base(port));
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return client;
	}

	/** A HAPI client without any token. */
	public static IGenericClient anonymous(int port) {
		return CONTEXT.newRestfulGenericClient(base(port));
	}

	/** REST Assured request against {@code /fhir}, with the data manager's token. */
	public static RequestSpecification http(int port) {
		return http(port, TestRole.ADMIN);
	}

	public static RequestSpecification http(int port, TestRole role) {
		return anonymousHttp(port).header("Authorization", "Bearer " + Tokens.of(port, role));
	}

	/** REST Assured request against {@code /fhir} without a token. */
	public static RequestSpecification anonymousHttp(int port) {
		return RestAssured.given(new RequestSpecBuilder().setBaseUri("http://localhost").setPort(port)
				.setBasePath("/fhir").build());
	}

	public static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return CONTEXT.newJsonParser().encodeResourceToString(resource);
	}
}
