package org.trialfhir.profiles;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The rules of one trial profile as {@link ObservationFastPath} checks them, read at startup from the profile's
 * differential, the base Observation and the expanded ValueSets of the validation chain: what must be present, the
 * category slice, the codes, the quantity's unit system, the subject's target, the invariants, the extensions and
 * their value types. Reading fails ({@link UnsupportedProfile}) on anything the fast path does not know how to check,
 * and that profile then gets no fast path at all.
 */
record FastPathRules(String url, String version, Set<String> requiredElements, String categorySlice,
		Coding categoryPattern, Set<String> codes, Set<String> quantityRequired, String fixedQuantitySystem,
		Pattern subjectReference, List<ElementDefinition.ElementDefinitionConstraintComponent> invariants,
		Map<String, Set<String>> extensionValueTypes) {

	static final String OBSERVATION_SD = "http://hl7.org/fhir/StructureDefinition/Observation";
	private static final String REGEX_EXTENSION = "http://hl7.org/fhir/StructureDefinition/regex";

	/**
	 * The profile invariants the fast path can evaluate, by FHIRPath expression: a profile with any other invariant gets
	 * no fast path.
	 */
	static final Map<String, Predicate<Observation>> KNOWN_INVARIANTS = Map.of(
			"value.exists() or dataAbsentReason.exists()", obs -> obs.hasValue() || obs.hasDataAbsentReason());

	/** The regex the core definition of a primitive type gives its value. */
	static Pattern regexOf(IValidationSupport support, String type) {
		StructureDefinition sd = fetch(support, "http://hl7.org/fhir/StructureDefinition/" + type);
		ElementDefinition value = snapshotElement(sd, type + ".value");
		return value.getType().stream()
				.map(t -> t.getExtensionByUrl(REGEX_EXTENSION))
				.filter(e -> e != null)
				.map(e -> Pattern.compile(e.getValue().primitiveValue()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no regex for the FHIR type " + type));
	}

	/**
	 * The rules of a profile: every element of its differential must be one the fast path knows how to check, with only
	 * the properties it reads; anything else makes the whole profile unsupported.
	 */
	static FastPathRules read(StructureDefinition profile, StructureDefinition base,
			Map<String, StructureDefinition> byUrl, IValidationSupport support) {
		if (profile == null || !"Observation".equals(profile.getType())
				|| !OBSERVATION_SD.equals(profile.getBaseDefinition())) {
			throw new UnsupportedProfile("not a constraint on the base Observation");
		}
		Set<String> required = new TreeSet<>();
		for (ElementDefinition e : base.getSnapshot().getElement()) {
			if (e.getPath().chars().filter(ch -> ch == '.').count() == 1 && e.getMin() > 0) {
				required.add(e.getPath());
			}
		}
		String categorySlice = null;
		Coding categoryPattern = null;
		Set<String> codes = null;
		Set<String> quantityRequired = new TreeSet<>();
		String fixedSystem = null;
		Pattern subjectReference = null;
		List<ElementDefinition.ElementDefinitionConstraintComponent> invariants = new ArrayList<>();
		Map<String, Set<String>> extensions = new HashMap<>();
		for (ElementDefinition e : profile.getDifferential().getElement()) {
			String id = e.getId();
			if (e.getMin() > 0 && !e.hasSliceName() && id.indexOf('.') == id.lastIndexOf('.') && id.contains(".")) {
				required.add(e.getPath());
			}
			if (id.equals("Observation")) {
				only(e, "constraint");
				for (var c : e.getConstraint()) {
					if (!KNOWN_INVARIANTS.containsKey(c.getExpression())
							|| c.getSeverity() != ElementDefinition.ConstraintSeverity.ERROR) {
						throw new UnsupportedProfile("invariant " + c.getKey() + " (" + c.getExpression() + ")");
					}
					invariants.add(c);
				}
			} else if (id.equals("Observation.extension")) {
				only(e, "slicing");
				if (!e.getSlicing().getDiscriminator().stream().allMatch(d -> "url".equals(d.getPath()))) {
					throw new UnsupportedProfile("extensions sliced other than by url");
				}
			} else if (id.startsWith("Observation.extension:")) {
				only(e, "sliceName", "min", "max", "type", "mustSupport");
				if (e.getMin() > 0 || !"1".equals(e.getMax()) || e.getType().size() != 1
						|| e.getTypeFirstRep().getProfile().size() != 1) {
					throw new UnsupportedProfile("extension slice " + id);
				}
				String url = e.getTypeFirstRep().getProfile().get(0).getValue();
				extensions.put(url, extensionValueTypes(byUrl.get(url), url));
			} else if (id.equals("Observation.category")) {
				only(e, "min", "slicing", "mustSupport");
			} else if (id.startsWith("Observation.category:")) {
				only(e, "sliceName", "min", "max", "mustSupport", "pattern");
				if (categorySlice != null || e.getMin() != 1 || !"1".equals(e.getMax())
						|| !(e.getPattern() instanceof CodeableConcept pattern) || pattern.getCoding().size() != 1
						|| pattern.hasText()) {
					throw new UnsupportedProfile("category slice " + id);
				}
				categorySlice = e.getSliceName();
				categoryPattern = pattern.getCodingFirstRep();
			} else if (id.equals("Observation.code")) {
				only(e, "mustSupport", "binding");
				if (e.getBinding().getStrength() != org.hl7.fhir.r4.model.Enumerations.BindingStrength.REQUIRED) {
					throw new UnsupportedProfile("code binding not required");
				}
				codes = expand(support, e.getBinding().getValueSet());
			} else if (id.equals("Observation.subject")) {
				only(e, "min", "mustSupport", "type");
				subjectReference = subjectReference(e, support);
			} else if (id.equals("Observation.effective[x]")) {
				only(e, "min", "mustSupport", "type");
				requireTypes(e, Set.of("dateTime", "Period"));
			} else if (id.equals("Observation.value[x]")) {
				only(e, "mustSupport", "type", "short");
				requireTypes(e, Set.of("Quantity"));
			} else if (id.equals("Observation.value[x].system")) {
				only(e, "min", "fixed");
				if (e.getMin() > 0) {
					quantityRequired.add("system");
				}
				fixedSystem = e.hasFixed() ? e.getFixed().primitiveValue() : null;
			} else if (id.equals("Observation.value[x].value") || id.equals("Observation.value[x].code")) {
				only(e, "min", "short");
				if (e.getMin() > 0) {
					quantityRequired.add(id.substring("Observation.value[x].".length()));
				}
			} else if (id.equals("Observation.status") || id.equals("Observation.dataAbsentReason")) {
				only(e, "mustSupport", "min");
			} else {
				throw new UnsupportedProfile("element " + id);
			}
		}
		if (categorySlice == null || codes == null || subjectReference == null) {
			throw new UnsupportedProfile("no category slice, code binding or subject type");
		}
		return new FastPathRules(profile.getUrl(), profile.getVersion(), required, categorySlice, categoryPattern, codes,
				quantityRequired, fixedSystem, subjectReference, invariants, extensions);
	}

	/** Fails unless the element sets only the given properties (besides id and path). */
	private static void only(ElementDefinition e, String... properties) {
		Set<String> allowed = new HashSet<>(Set.of(properties));
		allowed.addAll(Set.of("id", "path", "short", "definition"));
		for (Property p : e.children()) {
			String name = p.getName().replace("[x]", "");
			if (p.hasValues() && !allowed.contains(name)) {
				throw new UnsupportedProfile(e.getId() + " sets " + name);
			}
		}
	}

	private static void requireTypes(ElementDefinition e, Set<String> types) {
		Set<String> declared = e.getType().stream().map(ElementDefinition.TypeRefComponent::getCode)
				.collect(Collectors.toSet());
		if (!declared.equals(types) || e.getType().stream().anyMatch(t -> t.hasProfile() || t.hasTargetProfile())) {
			throw new UnsupportedProfile(e.getId() + " allows types " + declared + ", the fast path " + types);
		}
	}

	/** "Patient/<id>" for a subject restricted to Patient. */
	private static Pattern subjectReference(ElementDefinition e, IValidationSupport support) {
		if (e.getType().size() != 1 || !"Reference".equals(e.getTypeFirstRep().getCode())
				|| e.getTypeFirstRep().getTargetProfile().size() != 1) {
			throw new UnsupportedProfile("subject not a reference to one type");
		}
		String target = e.getTypeFirstRep().getTargetProfile().get(0).getValue();
		String prefix = "http://hl7.org/fhir/StructureDefinition/";
		if (!target.startsWith(prefix)) {
			throw new UnsupportedProfile("subject target " + target);
		}
		return Pattern.compile(Pattern.quote(target.substring(prefix.length()) + "/") + regexOf(support, "id"));
	}

	/** The value types an extension may have: a simple extension (no nested extensions) only. */
	private static Set<String> extensionValueTypes(StructureDefinition extension, String url) {
		if (extension == null) {
			throw new UnsupportedProfile("extension " + url + " not loaded");
		}
		boolean noNested = false;
		Set<String> types = null;
		for (ElementDefinition e : extension.getDifferential().getElement()) {
			switch (e.getId()) {
				case "Extension" -> only(e);
				case "Extension.extension" -> {
					only(e, "max");
					noNested = "0".equals(e.getMax());
				}
				case "Extension.url" -> only(e, "fixed");
				case "Extension.value[x]" -> {
					only(e, "min", "type");
					types = e.getType().stream().map(ElementDefinition.TypeRefComponent::getCode)
							.collect(Collectors.toSet());
				}
				default -> throw new UnsupportedProfile("extension " + url + " element " + e.getId());
			}
		}
		if (!noNested || types == null) {
			throw new UnsupportedProfile("extension " + url + " is not a simple extension with a value");
		}
		return Set.copyOf(types);
	}

	static StructureDefinition fetch(IValidationSupport support, String url) {
		StructureDefinition sd = (StructureDefinition) support.fetchStructureDefinition(url);
		if (sd == null) {
			throw new IllegalStateException("the validation chain has no " + url);
		}
		return sd;
	}

	static ElementDefinition snapshotElement(StructureDefinition sd, String path) {
		return sd.getSnapshot().getElement().stream().filter(e -> e.getId().equals(path)).findFirst()
				.orElseThrow(() -> new IllegalStateException(sd.getUrl() + " has no element " + path));
	}

	/** system|code of every code in the expansion of the ValueSet. */
	static Set<String> expand(IValidationSupport support, String valueSetUrl) {
		IValidationSupport.ValueSetExpansionOutcome outcome = support.expandValueSet(
				new ValidationSupportContext(support), new ValueSetExpansionOptions(), valueSetUrl);
		if (outcome == null || outcome.getValueSet() == null) {
			throw new UnsupportedProfile("cannot expand " + valueSetUrl);
		}
		Set<String> codes = new HashSet<>();
		collect(((ValueSet) outcome.getValueSet()).getExpansion().getContains(), codes);
		return codes;
	}

	private static void collect(List<ValueSet.ValueSetExpansionContainsComponent> contains, Set<String> codes) {
		for (var c : contains) {
			if (c.hasCode()) {
				codes.add(c.getSystem() + "|" + c.getCode());
			}
			collect(c.getContains(), codes);
		}
	}

	/** A profile holds something the fast path cannot read. */
	static final class UnsupportedProfile extends RuntimeException {
		UnsupportedProfile(String message) {
			super(message);
		}
	}
}
