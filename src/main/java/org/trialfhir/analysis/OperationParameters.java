package org.trialfhir.analysis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.trialfhir.errors.TrialFhirException;

/**
 * An operation's input parameters as name → values, from the query string and, for POST, a Parameters body
 * (primitive values as text, a Coding as {@code system|code}).
 */
public final class OperationParameters {

	private OperationParameters() {
	}

	public static Map<String, List<String>> of(RequestDetails request, FhirContext fhirContext) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> parameters.computeIfAbsent(name, n -> new ArrayList<>())
				.addAll(Arrays.asList(values)));
		if (request.getRequestType() == RequestTypeEnum.POST) {
			byte[] body = request.loadRequestContents();
			if (body != null && body.length > 0) {
				body(parse(request, body, fhirContext), parameters);
			}
		}
		return parameters;
	}

	private static Parameters parse(RequestDetails request, byte[] body, FhirContext fhirContext) {
		String text = new String(body, StandardCharsets.UTF_8);
		String contentType = request.getHeader("Content-Type");
		boolean xml = contentType != null ? contentType.contains("xml") : text.stripLeading().startsWith("<");
		try {
			return (xml ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
					.parseResource(Parameters.class, text);
		} catch (DataFormatException e) {
			throw TrialFhirException.invalid("Parameters", "the body must be a Parameters resource: "
					+ e.getMessage());
		}
	}

	private static void body(Parameters body, Map<String, List<String>> into) {
		for (Parameters.ParametersParameterComponent parameter : body.getParameter()) {
			String text;
			if (parameter.getValue() instanceof Coding coding) {
				text = (coding.hasSystem() ? coding.getSystem() + "|" : "") + coding.getCode();
			} else if (parameter.getValue() instanceof IPrimitiveType<?> primitive) {
				text = primitive.getValueAsString();
			} else {
				throw TrialFhirException.invalid("Parameters.parameter.where(name = '" + parameter.getName() + "')",
						"parameter '" + parameter.getName() + "' needs a primitive value or a Coding");
			}
			into.computeIfAbsent(parameter.getName(), n -> new ArrayList<>()).add(text);
		}
	}
}
