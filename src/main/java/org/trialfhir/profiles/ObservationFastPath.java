package org.trialfhir.profiles;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialfhir.profiles.TrialValidationResult.Issue;
import org.trialfhir.profiles.TrialValidationResult.Severity;
import org.trialfhir.units.TrialVariable;

/**
 * A fast check of an enrolled subject's Observation against TrialVitalSign or TrialLabResult, in microseconds instead
 * of the instance validator's milliseconds. Its rules are read at startup ({@link FastPathRules}) from the profiles
 * (differential), the base Observation (snapshot) and the expanded ValueSets of the validation chain; nothing the
 * profiles say is written here. It answers only for the resources it fully understands: every element of the resource must be one it models
 * ({@link #shape}), with well-formed values, and every coding one of the expanded codes. Anything else (another
 * extension, contained resources, a component, narrative, a claimed profile other than the one checked, another value
 * type, an unknown code...) is "not mine" ({@link Optional#empty()}) and the full validator runs. Where it answers, it
 * reports what the full validator reports on the same resource (same error locations), which
 * {@code ObservationFastPathDifferentialTest} checks on generated resources. It judges the resource as given and relies
 * on nothing a write step may have done to it (the study day is checked like any other element); which resource the
 * full validator reads is {@link TrialValidator#fastVerdict}'s concern. A profile holding anything this class cannot
 * read gets no fast path at all.
 */
final class ObservationFastPath {

	private static final Logger log = LoggerFactory.getLogger(ObservationFastPath.class);

	private static final String QUANTITY_LOCATION = "Observation.value.ofType(Quantity)";

	/** One element allowed in a resource the fast path answers for, and what it may hold. */
	private record Shape(Pattern primitive, Map<String, Shape> children) {
		static Shape primitive(Pattern regex) {
			return new Shape(regex, Map.of());
		}

		static Shape complex(Map<String, Shape> children) {
			return new Shape(null, children);
		}
	}

	private final Shape observation;
	private final Map<String, FastPathRules> rulesByProfile;
	private final Set<String> dataAbsentReasons;

	private ObservationFastPath(Shape observation, Map<String, FastPathRules> rulesByProfile, Set<String> dataAbsentReasons) {
		this.observation = observation;
		this.rulesByProfile = Map.copyOf(rulesByProfile);
		this.dataAbsentReasons = Set.copyOf(dataAbsentReasons);
	}

	/** Reads the rules of the given profiles; a profile it cannot fully read is left to the full validator. */
	static ObservationFastPath build(IValidationSupport support, ConformanceResources resources, Set<String> profiles) {
		StructureDefinition base = FastPathRules.fetch(support, FastPathRules.OBSERVATION_SD);
		Map<String, StructureDefinition> byUrl = resources.structureDefinitions().stream()
				.collect(Collectors.toMap(StructureDefinition::getUrl, sd -> sd));
		Map<String, FastPathRules> rules = new HashMap<>();
		for (String url : profiles) {
			try {
				rules.put(url, FastPathRules.read(byUrl.get(url), base, byUrl, support));
			} catch (FastPathRules.UnsupportedProfile e) {
				log.warn("no validation fast path for {}: {}", url, e.getMessage());
			}
		}
		String darValueSet = FastPathRules.snapshotElement(base, "Observation.dataAbsentReason").getBinding().getValueSet();
		return new ObservationFastPath(shape(support), rules, FastPathRules.expand(support, darValueSet));
	}

	/**
	 * The verdict on an Observation validated against {@code profile}, or empty when the full validator has to judge
	 * it.
	 */
	Optional<TrialValidationResult> check(Observation obs, String profile) {
		FastPathRules rules = rulesByProfile.get(profile);
		if (rules == null || !claimsAtMost(obs, profile) || !fits(obs, observation) || !knownExtensions(obs, rules)
				|| !knownCodings(obs, rules)
				|| obs.hasSubject() && !isSubjectReference(obs.getSubject().getReference(), rules)
				|| !plainPeriod(obs)) {
			return Optional.empty();
		}
		List<Issue> errors = new ArrayList<>();
		for (String element : rules.requiredElements()) {
			if (!hasElement(obs, element.substring("Observation.".length()))) {
				errors.add(error("Observation", element + ": minimum required = 1, but only found 0" + from(rules)));
			}
		}
		if (obs.getCategory().isEmpty()) {
			errors.add(error("Observation", "Slice 'Observation.category:" + rules.categorySlice()
					+ "': a matching slice is required, but not found" + from(rules)
					+ ". Note that other slices are allowed in addition to this required slice"));
		}
		for (var invariant : rules.invariants()) {
			if (!FastPathRules.KNOWN_INVARIANTS.get(invariant.getExpression()).test(obs)) {
				errors.add(error("Observation", "Constraint failed: " + invariant.getKey() + ": '" + invariant.getHuman()
						+ "' (defined in " + invariant.getSource() + ")"));
			}
		}
		if (obs.hasValue() && obs.hasDataAbsentReason()) {
			errors.add(error("Observation", "Constraint failed: obs-6: 'dataAbsentReason SHALL only be present if "
					+ "Observation.value[x] is not present' (defined in " + FastPathRules.OBSERVATION_SD + ")"));
		}
		if (obs.hasValue() && !checkQuantity(obs, obs.getValueQuantity(), rules, errors)) {
			return Optional.empty();
		}
		return Optional.of(new TrialValidationResult(errors));
	}

	/**
	 * No claimed profile, or exactly the one checked, once and without a version: the full validator then checks that
	 * one profile either way (the simulator, and many feeds, name the profile their Observations are written for).
	 * Another claim, a second one or a versioned one is the full validator's.
	 */
	private static boolean claimsAtMost(Observation obs, String profile) {
		List<CanonicalType> claimed = obs.getMeta().getProfile();
		return claimed.isEmpty() || claimed.size() == 1 && profile.equals(claimed.get(0).getValue());
	}

	/**
	 * No Period, one with a start only, or one whose start and end are both to the second (or the same number of digits of a
	 * fraction) with a time zone and do not end before they start. Base rule per-1 (start &lt;= end) is FHIRPath, whose
	 * comparison of two dateTimes of different precision is empty, not true or false: that, an end without start and
	 * a reversed period are the full validator's to judge. Urine outputs, collected over a day, are written this way.
	 */
	private static boolean plainPeriod(Observation obs) {
		if (!(obs.getEffective() instanceof Period period) || !period.hasEnd()) {
			return true;
		}
		if (!period.hasStart()) {
			return false;
		}
		Matcher start = TO_THE_SECOND.matcher(period.getStartElement().getValueAsString());
		Matcher end = TO_THE_SECOND.matcher(period.getEndElement().getValueAsString());
		if (!start.matches() || !end.matches() || fractionDigits(start) != fractionDigits(end)) {
			return false;
		}
		try {
			return !OffsetDateTime.parse(start.group()).isAfter(OffsetDateTime.parse(end.group()));
		} catch (DateTimeParseException noSuchInstant) { // e.g. a leap second, which the dateTime regex allows
			return false;
		}
	}

	private static int fractionDigits(Matcher dateTime) {
		return dateTime.group(1) == null ? 0 : dateTime.group(1).length();
	}

	/** A dateTime to the second, its fraction of a second (group 1) if any, with a time zone. */
	private static final Pattern TO_THE_SECOND = Pattern
			.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})");

	private static boolean isSubjectReference(String reference, FastPathRules rules) {
		return reference != null && rules.subjectReference().matcher(reference).matches();
	}

	/** Adds the errors of the value; false where the full validator has to judge it. */
	private static boolean checkQuantity(Observation obs, Quantity quantity, FastPathRules rules, List<Issue> errors) {
		for (String element : rules.quantityRequired()) {
			if (!hasElement(quantity, element)) {
				errors.add(error(QUANTITY_LOCATION, "Observation.value[x]." + element
						+ ": minimum required = 1, but only found 0" + from(rules)));
			}
		}
		if (quantity.hasCode() && !quantity.hasSystem()) {
			errors.add(error(QUANTITY_LOCATION,
					"Constraint failed: qty-3: 'If a code for the unit is present, the system SHALL also be present'"));
		}
		if (rules.fixedQuantitySystem() != null && quantity.hasSystem()
				&& !rules.fixedQuantitySystem().equals(quantity.getSystem())) {
			errors.add(error(QUANTITY_LOCATION + ".system", "Value is '" + quantity.getSystem() + "' but is fixed to '"
					+ rules.fixedQuantitySystem() + "' in the profile " + rules.url()));
		}
		if (!quantity.hasCode()) {
			return true;
		}
		Optional<UnitRule.Match> variable = UnitRule.find(obs.getCode());
		if (variable.isEmpty() || variable.get().variable().acceptedUnits().contains(quantity.getCode())) {
			return true;
		}
		// another variable's unit is a valid UCUM code, so the unit rule's is the only error; any other unit would
		// also get the UCUM service's verdict, which only the full validator gives
		if (!isSomeVariablesUnit(quantity.getCode())) {
			return false;
		}
		errors.add(error(UnitRule.LOCATION, UnitRule.message(quantity.getCode(), variable.get())));
		return true;
	}

	private static boolean isSomeVariablesUnit(String unit) {
		for (TrialVariable v : TrialVariable.values()) {
			if (v.acceptedUnits().contains(unit)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasElement(Base element, String name) {
		return element.getNamedProperty(name).getValues().stream().anyMatch(value -> !absent(value));
	}

	/**
	 * An element without content, as the getters leave behind: the full validator never sees it, since it validates
	 * the resource as encoded, and the encoder leaves empty elements out.
	 */
	private static boolean absent(Base value) {
		return value == null || value.isEmpty();
	}

	/** Only the extensions of the profile's extension slices, each once, with a value of an allowed type. */
	private static boolean knownExtensions(Observation obs, FastPathRules rules) {
		Set<String> seen = new HashSet<>();
		for (Extension extension : obs.getExtension()) {
			Set<String> types = rules.extensionValueTypes().get(extension.getUrl());
			if (types == null || !seen.add(extension.getUrl()) || extension.hasExtension() || extension.hasId()
					|| !extension.hasValue() || !types.contains(extension.getValue().fhirType())
					|| !(extension.getValue() instanceof PrimitiveType<?> value) || !wellFormed(value, null)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Every coding is one the fast path knows the verdict on: the code's are in the bound ValueSet, the category the
	 * profile's pattern (alone), the dataAbsentReason's in its ValueSet.
	 */
	private boolean knownCodings(Observation obs, FastPathRules rules) {
		if (!obs.getCode().hasCoding() || !allIn(obs.getCode(), rules.codes())) {
			return false;
		}
		if (obs.getCategory().size() > 1 || obs.getCategory().size() == 1 && !isPattern(obs.getCategory().get(0),
				rules.categoryPattern())) {
			return false;
		}
		return !obs.hasDataAbsentReason() || obs.getDataAbsentReason().hasCoding()
				&& allIn(obs.getDataAbsentReason(), dataAbsentReasons);
	}

	private static boolean allIn(CodeableConcept concept, Set<String> codes) {
		return concept.getCoding().stream().allMatch(c -> codes.contains(c.getSystem() + "|" + c.getCode()));
	}

	private static boolean isPattern(CodeableConcept concept, Coding pattern) {
		return concept.getCoding().size() == 1 && pattern.getSystem().equals(concept.getCodingFirstRep().getSystem())
				&& pattern.getCode().equals(concept.getCodingFirstRep().getCode());
	}

	/** Whether the element holds only what {@code shape} allows, each primitive well-formed, nothing empty. */
	private static boolean fits(Base element, Shape shape) {
		if (element instanceof PrimitiveType<?> primitive) {
			return shape.primitive() != null && wellFormed(primitive, shape.primitive());
		}
		boolean any = false;
		for (Property property : element.children()) {
			for (Base value : property.getValues()) {
				if (absent(value)) {
					continue;
				}
				String name = property.getName();
				Shape child = shape.children().get(name.endsWith("[x]") ? name + ":" + value.fhirType() : name);
				if (child == null || child != EXTENSIONS && !fits(value, child)) {
					return false;
				}
				any = true;
			}
		}
		return any;
	}

	private static boolean wellFormed(PrimitiveType<?> primitive, Pattern regex) {
		// a resource id may hold the whole "Observation/1/_history/2"; the encoder writes (and HAPI checks) the id part
		String text = primitive instanceof IdType id ? id.getIdPart() : primitive.getValueAsString();
		return !primitive.hasId() && !primitive.hasExtension() && primitive.getValue() != null && text != null
				&& !text.isBlank() && text.equals(text.strip()) && (regex == null || regex.matcher(text).matches());
	}

	/** Marks where extensions may appear; {@link #knownExtensions} checks them. */
	private static final Shape EXTENSIONS = Shape.complex(Map.of());

	private static Shape shape(IValidationSupport support) {
		Pattern id = FastPathRules.regexOf(support, "id");
		Pattern code = FastPathRules.regexOf(support, "code");
		Pattern string = FastPathRules.regexOf(support, "string");
		Pattern dateTime = FastPathRules.regexOf(support, "dateTime");
		Pattern instant = FastPathRules.regexOf(support, "instant");
		Pattern decimal = FastPathRules.regexOf(support, "decimal");
		Shape concept = Shape.complex(Map.of(
				"coding", Shape.complex(Map.of("system", Shape.primitive(PLAIN_URI), "code", Shape.primitive(code),
						"display", Shape.primitive(string))),
				"text", Shape.primitive(string)));
		return Shape.complex(Map.ofEntries(
				Map.entry("id", Shape.primitive(id)),
				Map.entry("meta", Shape.complex(Map.of("versionId", Shape.primitive(id), "lastUpdated",
						Shape.primitive(instant), "source", Shape.primitive(PLAIN_URI), "profile",
						Shape.primitive(PLAIN_URI)))), // which profile: claimsAtMost
				Map.entry("extension", EXTENSIONS),
				Map.entry("identifier", Shape.complex(Map.of("system", Shape.primitive(ABSOLUTE_URI), "value",
						Shape.primitive(string)))),
				Map.entry("status", Shape.primitive(code)),
				Map.entry("category", concept),
				Map.entry("code", concept),
				Map.entry("subject", Shape.complex(Map.of("reference", Shape.primitive(string), "display",
						Shape.primitive(string)))),
				Map.entry("effective[x]:dateTime", Shape.primitive(dateTime)),
				Map.entry("effective[x]:Period", Shape.complex(Map.of("start", Shape.primitive(dateTime), "end",
						Shape.primitive(dateTime)))), // an end only as plainPeriod allows
				Map.entry("issued", Shape.primitive(instant)),
				Map.entry("value[x]:Quantity", Shape.complex(Map.of("value", Shape.primitive(decimal), "unit",
						Shape.primitive(string), "system", Shape.primitive(PLAIN_URI), "code", Shape.primitive(code)))),
				Map.entry("dataAbsentReason", concept)));
	}

	/** A well-formed OID or (lower-case) UUID URN: the validator checks the form of both. */
	private static final String OID_OR_UUID = "urn:oid:[0-2](\\.(0|[1-9][0-9]*))+"
			+ "|urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	/** An identifier system the validator takes as absolute without looking further. */
	private static final Pattern ABSOLUTE_URI = Pattern.compile("https?://\\S+|" + OID_OR_UUID);

	/** A uri the validator has nothing to say about: no URN whose form it checks, unless well-formed. */
	private static final Pattern PLAIN_URI = Pattern.compile("(?!urn:)\\S+|" + OID_OR_UUID);

	private static Issue error(String location, String message) {
		return new Issue(Severity.ERROR, location, message);
	}

	private static String from(FastPathRules rules) {
		return " (from " + rules.url() + "|" + rules.version() + ")";
	}

}
