package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationParameter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * The input of every operation, checked before the operation runs, for what HAPI's parameter binding lets through:
 * a parameter without a name or without a value (HAPI skips it, or hands the method a primitive whose value is
 * null), and — for our own operations ({@link FhirOperationProvider}) — a parameter the operation does not declare
 * or one given more often than its {@code @OperationParam(max)} (HAPI silently takes the first). Each refusal is a
 * 400 naming the parameter.
 */
@Component
@Interceptor
class OperationInputRules implements FhirRestInterceptor {

	private static final Set<RestOperationTypeEnum> OPERATIONS = EnumSet.of(
			RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
			RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		if (!OPERATIONS.contains(operation)) {
			return;
		}
		Parameters body = request.getResource() instanceof Parameters parameters ? parameters : null;
		if (body != null) {
			wellFormed(body.getParameter(), "Parameters.parameter");
		}
		BaseMethodBinding method = ((RestfulServer) request.getServer())
				.determineResourceMethod(request, request.getRequestPath());
		List<OperationParameter> declared = method.getParameters().stream()
				.filter(OperationParameter.class::isInstance).map(OperationParameter.class::cast).toList();
		// an operation that declares nothing reads and checks its parameters itself ($analyze)
		if (method.getProvider() instanceof FhirOperationProvider && !declared.isEmpty()) {
			asDeclared(request.getOperation(), declared, given(request, body));
		}
	}

	/** FHIR's Parameters rules: a name, and exactly one of a value (which has a value), a resource or parts. */
	private static void wellFormed(List<ParametersParameterComponent> parameters, String path) {
		for (int i = 0; i < parameters.size(); i++) {
			ParametersParameterComponent parameter = parameters.get(i);
			String at = path + "[" + i + "]";
			if (!parameter.hasName() || parameter.getName().isBlank()) {
				throw TrialFhirException.invalid(at + ".name", "parameter " + i + " has no name");
			}
			int contents = (parameter.getValue() != null ? 1 : 0) + (parameter.getResource() != null ? 1 : 0)
					+ (parameter.hasPart() ? 1 : 0);
			if (contents != 1) {
				throw TrialFhirException.invalid(at, "parameter '" + parameter.getName() + "' needs exactly one of "
						+ "a value[x], a resource or parts; it has " + (contents == 0 ? "none" : contents));
			}
			if (parameter.getValue() instanceof IPrimitiveType<?> primitive && primitive.getValueAsString() == null) {
				String element = "value" + capitalized(parameter.getValue().fhirType());
				throw TrialFhirException.invalid(at + "." + element, "parameter '" + parameter.getName() + "' has a "
						+ element + " without a value");
			}
			wellFormed(parameter.getPart(), at + ".part");
		}
	}

	/** How often each parameter is given, in the body and in the query string (which HAPI also reads). */
	private static Map<String, Integer> given(RequestDetails request, Parameters body) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		if (body != null) {
			body.getParameter().forEach(p -> counts.merge(p.getName(), 1, Integer::sum));
		}
		request.getParameters().forEach((name, values) -> {
			if (!name.startsWith("_")) { // _format, _pretty: the server's, not the operation's
				counts.merge(name, values.length, Integer::sum);
			}
		});
		return counts;
	}

	private static void asDeclared(String operation, List<OperationParameter> declared, Map<String, Integer> given) {
		Map<String, OperationParameter> byName = declared.stream()
				.collect(Collectors.toMap(OperationParameter::getName, p -> p, (a, b) -> a, LinkedHashMap::new));
		given.forEach((name, count) -> {
			OperationParameter parameter = byName.get(name);
			String location = "Parameters.parameter.where(name = '" + name + "')";
			if (parameter == null) {
				throw TrialFhirException.invalid(location, operation + " has no parameter '" + name + "'; it takes "
						+ String.join(", ", byName.keySet()));
			}
			if (parameter.getMax() != OperationParam.MAX_UNLIMITED && count > parameter.getMax()) {
				throw TrialFhirException.invalid(location, "parameter '" + name + "' may be given at most "
						+ parameter.getMax() + (parameter.getMax() == 1 ? " time" : " times") + "; it is given "
						+ count + " times");
			}
		});
	}

	private static String capitalized(String type) {
		return Character.toUpperCase(type.charAt(0)) + type.substring(1);
	}
}
