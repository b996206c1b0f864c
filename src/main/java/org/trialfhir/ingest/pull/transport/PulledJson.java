package org.trialfhir.ingest.pull.transport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.trialfhir.server.JsonBodyScan;
import org.trialfhir.units.DecimalBounds;

/**
 * A hospital's JSON read as strictly as a push. HAPI's client parses a search page leniently (an unknown element is
 * dropped without a word) and writes every number out in plain digits. So each JSON response is scanned before HAPI
 * parses it — a number too long to write out makes the whole page malformed (it would exhaust the heap) — and
 * after HAPI parsed a page, each entry's resource is read again strictly; one that fails (an unknown element, an
 * invalid value, a key given twice) is marked with the reason ({@link #REFUSAL}) so that the import records it as
 * malformed instead of storing a copy that lost what the hospital sent. One instance per source client.
 */
public final class PulledJson implements IClientInterceptor {

	/** User data of a pulled resource: why a strict reading refuses it. */
	public static final String REFUSAL = PulledJson.class.getName() + ".refusal";

	private static final ObjectMapper TREE = new ObjectMapper()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // 1e400 stays a number, not Infinity

	private final ThreadLocal<byte[]> lastBody = new ThreadLocal<>();

	@Override
	public void interceptRequest(IHttpRequest request) {
		// nothing to add
	}

	@Override
	public void interceptResponse(IHttpResponse response) throws IOException {
		lastBody.remove();
		String type = response.getMimeType();
		if (type == null || !type.contains("json")) {
			return;
		}
		response.bufferEntity(); // HAPI parses the same bytes afterwards
		try (InputStream entity = response.readEntity()) {
			if (entity == null) {
				return;
			}
			byte[] body = entity.readAllBytes();
			Optional<String> unparsable = unparsable(body);
			if (unparsable.isPresent()) {
				throw new Fault.MalformedContentException(unparsable.get());
			}
			lastBody.set(body);
		}
	}

	/** Marks each entry of the page this thread just fetched that a strict reading refuses. */
	void markRefusedEntries(Bundle page, FhirContext context) {
		byte[] body = lastBody.get();
		if (body == null || page.getEntry().isEmpty()) {
			return;
		}
		JsonNode entries;
		try {
			entries = TREE.readTree(body).path("entry");
		} catch (IOException e) {
			return; // HAPI read it; what it could not, it reported
		}
		for (int i = 0; i < page.getEntry().size() && i < entries.size(); i++) {
			IBaseResource resource = page.getEntry().get(i).getResource();
			JsonNode json = entries.get(i).path("resource");
			if (resource != null && json.isObject()) {
				refusal(json.toString().getBytes(StandardCharsets.UTF_8), context)
						.ifPresent(why -> resource.setUserData(REFUSAL, why));
			}
		}
		// the tree keeps one of two equal keys; the scan of the whole page sees both
		List<JsonBodyScan.Problem> twice = JsonBodyScan.problems(body, number -> Optional.empty());
		for (JsonBodyScan.Problem problem : twice) {
			entryIndex(problem.path()).filter(i -> i < page.getEntry().size())
					.map(i -> page.getEntry().get(i).getResource())
					.ifPresent(resource -> resource.setUserData(REFUSAL, problem.path() + ": " + problem.message()));
		}
	}

	/** Drops the body of the page this thread fetched last. */
	void forget() {
		lastBody.remove();
	}

	/** Where the JSON has a number HAPI's parser cannot write out, and why; empty if it has none. */
	public static Optional<String> unparsable(byte[] json) {
		return JsonBodyScan.problems(json, DecimalBounds::unparsable).stream()
				.filter(problem -> problem.kind() == JsonBodyScan.Kind.NUMBER).findFirst()
				.map(problem -> problem.path() + ": " + problem.message());
	}

	/**
	 * Why a strict reading refuses one resource (a search entry, a line of an export file) whose numbers HAPI can
	 * parse; empty if it does not.
	 */
	public static Optional<String> refusal(byte[] json, FhirContext context) {
		List<JsonBodyScan.Problem> twice = JsonBodyScan.problems(json, number -> Optional.empty());
		if (!twice.isEmpty()) {
			return Optional.of(twice.get(0).path() + ": " + twice.get(0).message());
		}
		IParser strict = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
		try {
			strict.parseResource(new String(json, StandardCharsets.UTF_8));
			return Optional.empty();
		} catch (DataFormatException e) {
			return Optional.of("not valid FHIR R4: " + e.getMessage());
		}
	}

	private static Optional<Integer> entryIndex(String path) {
		String prefix = "Bundle.entry[";
		if (!path.startsWith(prefix)) {
			return Optional.empty();
		}
		return Optional.of(Integer.parseInt(path.substring(prefix.length(), path.indexOf(']'))));
	}
}
