package org.trialfhir.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.units.DecimalBounds;

/**
 * What HAPI's JSON parser lets through, found on the token stream of a FHIR JSON document before HAPI parses it: a
 * key given twice in one object (HAPI keeps the last, silently), and numbers a rule objects to (HAPI writes every
 * decimal out in plain digits while parsing, so {@code 1e999999999} alone exhausts the heap). Paths are
 * FHIRPath-like: {@code Bundle.entry[0].resource.valueQuantity.value}.
 */
public final class JsonBodyScan {

	/** Something wrong at a path. */
	public record Problem(Kind kind, String path, String message) {}

	/** What is wrong. */
	public enum Kind {
		KEY_TWICE,
		NUMBER
	}

	// the same leniency as HAPI's own JSON parser, so that only what HAPI would accept is scanned
	private static final JsonFactory JSON = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
			.enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
			.build();

	private JsonBodyScan() {}

	/**
	 * Refuses a request body's first duplicate key or number out of {@link DecimalBounds}, naming its path.
	 * Malformed JSON is left to HAPI's parser, whose message names the line and column.
	 */
	public static void check(byte[] body) {
		problems(body, DecimalBounds::violation).stream().findFirst().ifPresent(problem -> {
			throw TrialFhirException.invalid(problem.path(), problem.message());
		});
	}

	/**
	 * Every key given twice and every number {@code numberRule} objects to, in document order; what comes after
	 * malformed JSON is not seen.
	 */
	public static List<Problem> problems(byte[] json, Function<BigDecimal, Optional<String>> numberRule) {
		List<Problem> problems = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(json)) {
			Deque<Set<String>> keysOfOpenObjects = new ArrayDeque<>();
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				switch (token) {
					case START_OBJECT -> keysOfOpenObjects.push(new HashSet<>());
					case END_OBJECT -> keysOfOpenObjects.pop();
					case FIELD_NAME -> {
						if (!keysOfOpenObjects.peek().add(parser.currentName())) {
							problems.add(new Problem(Kind.KEY_TWICE, path(json, parser.getParsingContext()), "key '"
									+ parser.currentName() + "' appears twice in one JSON object; FHIR JSON allows "
									+ "each element once"));
						}
					}
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numberRule.apply(parser.getDecimalValue())
							.ifPresent(violation -> problems.add(new Problem(Kind.NUMBER,
									path(json, parser.getParsingContext()), "the number " + violation)));
					default -> {
						// strings, booleans, nulls and array brackets need nothing
					}
				}
			}
		} catch (IOException malformed) {
			// the parser that reads the document reports it
		}
		return problems;
	}

	/**
	 * The path of the one field named {@code name} (whose text is {@code value}, when given); empty when there is
	 * none or more than one, so that a path is only ever named when it is certain.
	 */
	static Optional<String> locate(byte[] body, String name, String value) {
		List<String> found = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				boolean candidate = token.isScalarValue() || token.isStructStart() && value == null;
				if (candidate && name.equals(fieldOf(parser)) && (value == null || value.equals(parser.getText()))) {
					found.add(path(body, parser.getParsingContext()));
				}
			}
		} catch (IOException malformed) {
			return Optional.empty();
		}
		return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
	}

	/** The key the current value belongs to; for an item of an array, the array's key. */
	private static String fieldOf(JsonParser parser) {
		JsonStreamContext context = parser.getParsingContext();
		if (parser.currentToken().isStructStart()) {
			context = context.getParent();
		}
		return context.inArray() ? context.getParent().getCurrentName() : context.getCurrentName();
	}

	/** The FHIRPath-like path of the current value: the root's resourceType, then names and [indexes]. */
	private static String path(byte[] json, JsonStreamContext context) {
		List<String> steps = new ArrayList<>();
		for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			if (c.inArray()) {
				if (c.getCurrentIndex() >= 0) { // -1 on the array's opening bracket
					steps.add("[" + c.getCurrentIndex() + "]");
				}
			} else if (c.getCurrentName() != null) {
				steps.add("." + c.getCurrentName());
			}
		}
		StringBuilder path = new StringBuilder(rootType(json));
		for (int i = steps.size() - 1; i >= 0; i--) {
			path.append(steps.get(i));
		}
		return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
	}

	/** The top-level {@code resourceType}, wherever it stands among the top-level keys; "" when there is none. */
	private static String rootType(byte[] json) {
		try (JsonParser parser = JSON.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return "";
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				boolean isType = "resourceType".equals(parser.currentName());
				JsonToken value = parser.nextToken();
				if (isType && value == JsonToken.VALUE_STRING) {
					return parser.getText();
				}
				parser.skipChildren();
			}
		} catch (IOException malformed) {
			// no type to name
		}
		return "";
	}
}
