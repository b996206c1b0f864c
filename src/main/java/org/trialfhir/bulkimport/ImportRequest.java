package org.trialfhir.bulkimport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.Grants;
import org.trialfhir.security.Interaction;
import org.trialfhir.server.JsonBodyScan;

/**
 * A kick-off of {@code $import}, checked: either NDJSON in the body ({@code Content-Type: application/fhir+ndjson})
 * or a {@code Parameters} body naming NDJSON files by URL ({@code inputFormat}, {@code input} parts with
 * {@code type} and {@code url}), each URL's host on the allow-list and each type one the token may create and update.
 * Bad input is a 400 naming the parameter; nothing is fetched here.
 */
record ImportRequest(List<NdjsonLine> lines, List<UrlInput> urls, byte[] body) {

	static final String NDJSON = "application/fhir+ndjson";
	private static final Set<String> NDJSON_TYPES = Set.of(NDJSON, "application/ndjson", "application/x-ndjson");
	private static final Set<String> JSON_TYPES = Set.of("application/fhir+json", "application/json",
			"application/json+fhir");
	private static final Set<String> PARAMETERS = Set.of("inputFormat", "inputSource", "input", "storageDetail");

	static ImportRequest from(String contentType, byte[] body, ImportProperties properties, Grants grants,
			FhirContext fhirContext) {
		if (body == null || body.length == 0) {
			throw TrialFhirException.invalid(null, "$import needs a body: NDJSON (Content-Type: " + NDJSON + ") or a "
					+ "Parameters resource with input parts (type, url)");
		}
		String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
		if (NDJSON_TYPES.contains(mediaType)) {
			List<NdjsonLine> lines = NdjsonLine.split(new String(body, StandardCharsets.UTF_8));
			if (lines.isEmpty()) {
				throw TrialFhirException.invalid(null, "the NDJSON body has no line: nothing to import");
			}
			return new ImportRequest(lines, List.of(), body);
		}
		if (JSON_TYPES.contains(mediaType)) {
			return new ImportRequest(List.of(), urlInputs(parameters(body, fhirContext), properties, grants,
					fhirContext), body);
		}
		throw new TrialFhirException(TrialFhirException.Kind.UNSUPPORTED_MEDIA_TYPE, "$import takes "
				+ NDJSON + " (the resources) or application/fhir+json (a Parameters naming their URLs), not '"
				+ mediaType + "'");
	}

	/** The same client with the same body asks for the same job. */
	String hash(String clientId) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(clientId.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
			sha256.update(body);
			return HexFormat.of().formatHex(sha256.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Parameters parameters(byte[] body, FhirContext fhirContext) {
		JsonBodyScan.check(body);
		IBaseResource parsed;
		try {
			parsed = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
					.parseResource(new String(body, StandardCharsets.UTF_8));
		} catch (DataFormatException e) {
			throw TrialFhirException.invalid(null, "The request body is not valid FHIR R4 JSON: " + e.getMessage());
		}
		if (!(parsed instanceof Parameters parameters)) {
			throw TrialFhirException.invalid(parsed.fhirType(), "$import takes a Parameters resource, not a "
					+ parsed.fhirType());
		}
		return parameters;
	}

	private static List<UrlInput> urlInputs(Parameters parameters, ImportProperties properties, Grants grants,
			FhirContext fhirContext) {
		List<UrlInput> inputs = new ArrayList<>();
		List<ParametersParameterComponent> given = parameters.getParameter();
		for (int i = 0; i < given.size(); i++) {
			ParametersParameterComponent parameter = given.get(i);
			String at = "Parameters.parameter[" + i + "]";
			if (!PARAMETERS.contains(parameter.getName())) {
				throw TrialFhirException.invalid(at + ".name", "$import has no parameter '" + parameter.getName()
						+ "'; it takes " + String.join(", ", PARAMETERS));
			}
			switch (parameter.getName()) {
				case "inputFormat" -> {
					String format = parameter.getValue() == null ? null : parameter.getValue().primitiveValue();
					if (!NDJSON.equals(format)) {
						throw TrialFhirException.invalid(at + ".value", "inputFormat must be " + NDJSON);
					}
				}
				case "input" -> inputs.add(input(parameter, at, properties, grants, fhirContext));
				default -> {
					// inputSource, storageDetail: informative
				}
			}
		}
		if (inputs.isEmpty()) {
			throw TrialFhirException.invalid("Parameters.parameter", "$import needs at least one input (type, url)");
		}
		return inputs;
	}

	private static UrlInput input(ParametersParameterComponent input, String at, ImportProperties properties,
			Grants grants, FhirContext fhirContext) {
		String type = part(input, "type", at);
		String url = part(input, "url", at);
		String typeAt = at + ".part.where(name = 'type')";
		String urlAt = at + ".part.where(name = 'url')";
		if (!fhirContext.getResourceTypes().contains(type)) {
			throw TrialFhirException.invalid(typeAt, "'" + type + "' is not a FHIR R4 resource type");
		}
		if (!grants.allows(type, Interaction.CREATE) || !grants.allows(type, Interaction.UPDATE)) {
			throw new ForbiddenOperationException("Access denied: importing " + type + " needs the scopes to create "
					+ "and update it");
		}
		URI uri;
		try {
			uri = new URI(url);
		} catch (URISyntaxException e) {
			throw TrialFhirException.invalid(urlAt, "not a URL: " + e.getMessage());
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
			throw TrialFhirException.invalid(urlAt, "only http and https URLs are read");
		}
		if (!properties.allows(uri.getHost())) {
			throw TrialFhirException.invalid(urlAt, "the host '" + uri.getHost() + "' is not on this server's "
					+ "import allow-list (trialfhir.import.allowed-hosts): it reads NDJSON from those hosts only");
		}
		return new UrlInput(type, uri);
	}

	private static String part(ParametersParameterComponent input, String name, String at) {
		List<ParametersParameterComponent> parts = input.getPart().stream().filter(p -> name.equals(p.getName()))
				.toList();
		String where = at + ".part.where(name = '" + name + "')";
		if (parts.size() != 1 || parts.get(0).getValue() == null || parts.get(0).getValue().primitiveValue() == null) {
			throw TrialFhirException.invalid(where, "each input needs exactly one '" + name + "' part with a value");
		}
		return parts.get(0).getValue().primitiveValue();
	}
}
