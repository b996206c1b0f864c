package org.trialfhir.profiles;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;
import org.trialfhir.units.DecimalBounds;
import org.trialfhir.units.TrialVariable;

/**
 * The numbers no write may store, whatever the validation mode and however the resource arrives (REST in JSON or
 * XML, a bundle entry, a pull, the server's own writes): a decimal anywhere in the resource out of
 * {@link DecimalBounds} (400), and a negative value of a trial variable that cannot be negative (422;
 * {@link TrialVariable#canBeNegative}). Analysis and derivation compute with what is stored, so this holds at the
 * JPA level, for every write. A possible but clinically odd value (a platelet count of 2000) is stored: judging it
 * is the data manager's job, not the write's.
 */
@Component
class NumberRule implements WriteStep {

	NumberRule() {
	}

	@Override
	public String name() {
		return "check-numbers";
	}

	/** Every write, REST or internal: the write pipeline's {@code check-numbers} step. */
	@Override
	public void beforeStore(WriteContext write) {
		if (write.kind() != WriteContext.Kind.DELETE) {
			check(write.resource());
		}
	}

	static void check(IBaseResource resource) {
		if (resource instanceof Base base) {
			bounded(base, resource.fhirType());
		}
		if (resource instanceof Observation observation) {
			notNegative(observation.getCode(), observation.getValue(), "Observation.valueQuantity.value");
			List<Observation.ObservationComponentComponent> components = observation.getComponent();
			for (int i = 0; i < components.size(); i++) {
				notNegative(components.get(i).getCode(), components.get(i).getValue(),
						"Observation.component[" + i + "].valueQuantity.value");
			}
		}
	}

	/**
	 * Walks every element, so that a decimal is found wherever it is (a component, an extension, a range). Runs on
	 * every write, so the path of an element is written out only for a violation, and a primitive is not asked for
	 * its children (a new list of properties each time) unless it carries extensions.
	 */
	private static void bounded(Base resource, String resourceType) {
		Violation violation = firstViolation(resource);
		if (violation != null) {
			String path = resourceType + violation.path();
			throw TrialFhirException.invalid(path, path + ": " + violation.problem());
		}
	}

	/** An out-of-bounds decimal: its path below the element walked ({@code .a.b[1]}, empty for the element). */
	private record Violation(String path, String problem) {

		Violation under(String segment) {
			return new Violation(segment + path, problem);
		}
	}

	private static Violation firstViolation(Base element) {
		if (element instanceof DecimalType decimal && decimal.getValue() != null) {
			Optional<String> problem = DecimalBounds.violation(decimal.getValue());
			if (problem.isPresent()) {
				return new Violation("", problem.get());
			}
		}
		if (element instanceof PrimitiveType<?> primitive && !primitive.hasExtension()) {
			return null;
		}
		for (Property property : element.children()) {
			List<Base> values = property.getValues();
			for (int i = 0; i < values.size(); i++) {
				Base value = values.get(i);
				Violation below = value == null ? null : firstViolation(value);
				if (below != null) {
					return below.under("." + name(property, value) + (property.isList() ? "[" + i + "]" : ""));
				}
			}
		}
		return null;
	}

	private static String name(Property property, Base value) {
		String name = property.getName();
		if (!name.endsWith("[x]")) {
			return name;
		}
		String type = value.fhirType();
		return name.substring(0, name.length() - 3) + Character.toUpperCase(type.charAt(0)) + type.substring(1);
	}

	private static void notNegative(CodeableConcept code, Type value, String path) {
		if (!(value instanceof Quantity quantity) || !quantity.hasValue() || quantity.getValue().signum() >= 0) {
			return;
		}
		code.getCoding().stream()
				.map(c -> TrialVariable.byCode(c.getSystem(), c.getCode()))
				.flatMap(Optional::stream)
				.findFirst()
				.filter(variable -> !variable.canBeNegative())
				.ifPresent(variable -> {
					throw new TrialFhirException(TrialFhirException.Kind.UNPROCESSABLE, path + ": "
							+ DecimalBounds.describe(quantity.getValue()) + " is negative, which " + variable.id()
							+ " cannot be", path);
				});
	}
}
