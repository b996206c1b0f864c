package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * Every FHIR body a client sends to write (create, update, patch, transaction, batch, operation input) is parsed
 * strictly before HAPI handles the request: an unknown element, an invalid value, a key given twice, a number out of
 * bounds, a meta.profile that is not a URI or a bundle entry without method or url is refused with 400, naming the
 * element. HAPI's own parsing is lenient and drops what it does not know, so the hospital's data would be lost
 * without a word. The shared FhirContext stays lenient: it also reads the server's stored resources and the
 * hospitals' responses, which must not fail on what an older version wrote. {@code $validate} is left alone: it
 * reports such problems itself, with their paths.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class StrictRequestBodies implements FhirRestInterceptor {

	private static final Set<RequestTypeEnum> WRITES = Set.of(RequestTypeEnum.POST, RequestTypeEnum.PUT,
			RequestTypeEnum.PATCH);

	private final FhirContext fhirContext;
	private final WritePipeline pipeline;

	StrictRequestBodies(FhirContext fhirContext, WritePipeline pipeline) {
		this.fhirContext = fhirContext;
		this.pipeline = pipeline;
	}

	// before any other hook reads the body (KeyedObservationWrites parses it on the same pointcut)
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED, order = -100)
	public void parseStrictly(RequestDetails request) {
		if (!WRITES.contains(request.getRequestType()) || "$validate".equals(request.getOperation())) {
			return;
		}
		pipeline.timed(WritePipeline.PARSE, () -> parseStrictlyNow(request));
	}

	private void parseStrictlyNow(RequestDetails request) {
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		byte[] body = request.loadRequestContents();
		if (encoding == null || body == null || body.length == 0) {
			return; // not a FHIR body (JSON Patch, a form search): HAPI answers it as usual
		}
		if (encoding == EncodingEnum.NDJSON) {
			return; // $import's input: its lines are parsed one by one, as strictly, and a bad one is reported alone
		}
		if (encoding == EncodingEnum.JSON) {
			JsonBodyScan.check(body);
		}
		Class<? extends IBaseResource> type = typeHapiParses(request);
		IBaseResource resource = parse(encoding, body, request, type);
		RequestBodyRules.check(resource);
		if (type != null) {
			request.setResource(resource); // HAPI takes a parsed body from here instead of parsing it again
		}
	}

	/**
	 * Parsed as the given type, the parser keeps the raw text on the resource as HAPI's own parse does: the write
	 * validation reads it (what the client sent, before the server stamps the study day).
	 */
	private IBaseResource parse(EncodingEnum encoding, byte[] body, RequestDetails request,
			Class<? extends IBaseResource> type) {
		RememberingStrictErrorHandler errors = new RememberingStrictErrorHandler();
		IParser parser = encoding.newParser(fhirContext).setParserErrorHandler(errors);
		parser.setServerBaseUrl(request.getFhirServerBase());
		String text = new String(body, StandardCharsets.UTF_8);
		try {
			return type == null ? parser.parseResource(text) : parser.parseResource(type, text);
		} catch (DataFormatException e) {
			Optional<String> where = encoding == EncodingEnum.JSON && errors.element() != null
					? JsonBodyScan.locate(body, errors.element(), errors.value())
					: Optional.empty();
			throw TrialFhirException.invalid(where.orElse(null), "The request body is not valid FHIR R4 " + encoding
					+ " (unknown elements and invalid values are refused, not dropped): " + e.getMessage());
		}
	}

	/**
	 * The type HAPI's create, update and transaction methods parse the body as; null for an operation's input, a
	 * patch or an unknown type, which HAPI parses (or refuses) itself.
	 */
	private Class<? extends IBaseResource> typeHapiParses(RequestDetails request) {
		if (request.getOperation() != null || request.getRequestType() == RequestTypeEnum.PATCH) {
			return null;
		}
		if (request.getResourceName() == null) {
			return Bundle.class; // a transaction or batch
		}
		try {
			return fhirContext.getResourceDefinition(request.getResourceName()).getImplementingClass();
		} catch (DataFormatException unknownType) {
			return null;
		}
	}
}
