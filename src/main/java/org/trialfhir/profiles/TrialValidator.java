package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.ResourceUtil;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ValidationOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;

/**
 * Offline validation against the trial's profiles. Build one per FhirContext and share it (thread-safe): the
 * constructor loads {@code profiles/}, builds the cached validation chain and generates the snapshots; validating
 * rebuilds nothing.
 */
public final class TrialValidator {

	private final FhirContext ctx;
	private final ConformanceResources resources;
	private final IValidationSupport validationSupport;
	private final TrialInstanceValidator module;
	private final FhirValidator validator;
	private final ObservationFastPath fastPath;
	final Counter fastVerdicts;
	final Counter fullValidations;

	/** A validator whose counters go nowhere (tests, tools). */
	public TrialValidator(FhirContext ctx) {
		this(ctx, new SimpleMeterRegistry());
	}

	public TrialValidator(FhirContext ctx, MeterRegistry registry) {
		this.ctx = ctx;
		this.resources = ConformanceResources.loadFromClasspath(ctx);
		this.validationSupport = TrialValidationSupport.build(ctx, resources);
		var core = new FhirInstanceValidator(validationSupport);
		// "should have narrative" and "should have a performer" are noise for a hospital feed
		core.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
		core.setErrorForUnknownProfiles(false);
		this.module = new TrialInstanceValidator(core, new UnitRule());
		this.validator = ctx.newValidator().registerValidatorModule(module);
		warmUp(ctx);
		this.fastPath = ObservationFastPath.build(validationSupport, resources,
				Set.of(TrialCanonicals.TRIAL_VITAL_SIGN, TrialCanonicals.TRIAL_LAB_RESULT));
		this.fastVerdicts = enrolledObservations(registry, "fast");
		this.fullValidations = enrolledObservations(registry, "full");
	}

	private static Counter enrolledObservations(MeterRegistry registry, String path) {
		return Counter.builder("trialfhir.validation.enrolled.observations")
				.description("Observations of enrolled subjects validated, by the fast path or the full validator")
				.tag("path", path).register(registry);
	}

	/**
	 * Validates an empty resource against each trial profile once, so that snapshots are generated and ValueSets
	 * expanded now (a few seconds at startup) instead of on the first request.
	 */
	private void warmUp(FhirContext ctx) {
		for (StructureDefinition sd : resources.structureDefinitions()) {
			if (sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE) {
				validate(ctx.getResourceDefinition(sd.getType()).newInstance(), sd.getUrl());
			}
		}
	}

	/** Validates against the base specification and every profile the resource claims in meta.profile. */
	public TrialValidationResult validate(IBaseResource resource) {
		return TrialValidationResult.from(validator.validateWithResult(resource));
	}

	/** Validates against the given profile (canonical URL), in addition to the profiles the resource claims. */
	public TrialValidationResult validate(IBaseResource resource, String profileUrl) {
		return TrialValidationResult.from(
				validator.validateWithResult(resource, new ValidationOptions().addProfile(profileUrl)));
	}

	/** The trial profile for an Observation of an enrolled subject; empty for codes the trial does not use. */
	public Optional<String> profileFor(Observation observation) {
		return ProfileChooser.profileFor(observation);
	}

	/**
	 * Validates an Observation of an enrolled subject against {@link #profileFor}, or the base spec if none. An
	 * ordinary vital sign or lab result gets its verdict from {@link ObservationFastPath} (the same errors in
	 * microseconds); whatever the fast path does not model goes to the full validator.
	 */
	public TrialValidationResult validateEnrolledObservation(Observation observation) {
		Optional<TrialValidationResult> fast = fastVerdict(observation);
		if (fast.isPresent()) {
			fastVerdicts.increment();
			return fast.get();
		}
		fullValidations.increment();
		return validateEnrolledObservationInFull(observation);
	}

	/** {@link #validateEnrolledObservation} without the fast path: what the fast path must agree with. */
	TrialValidationResult validateEnrolledObservationInFull(Observation observation) {
		return profileFor(observation).map(p -> validate(observation, p)).orElseGet(() -> validate(observation));
	}

	/**
	 * The fast path's verdict on an Observation of an enrolled subject; empty where the full validator judges. It
	 * judges what the full validator reads ({@link #asTheFullValidatorReadsIt}), against the profile chosen for the
	 * resource as {@link #validateEnrolledObservationInFull} chooses it.
	 */
	Optional<TrialValidationResult> fastVerdict(Observation observation) {
		return profileFor(observation).flatMap(p -> asTheFullValidatorReadsIt(observation)
				.flatMap(judged -> fastPath.check(judged, p)));
	}

	/**
	 * The Observation as the full validator reads it. HAPI's validator reads the text a resource was parsed from when
	 * the parser kept it on the resource (the server's context keeps it for the body of a single create or update), not
	 * the resource itself: what the client sent, before the write's steps changed it (the study day the server stamps
	 * replaces a client's). That text, parsed again; the resource itself when there is none (a bundle's entries, an
	 * import's lines); empty (the full validator's) for a text other than JSON or one that does not parse strictly.
	 */
	private Optional<Observation> asTheFullValidatorReadsIt(Observation observation) {
		String sent = ResourceUtil.getRawStringFromResourceOrNull(observation);
		if (sent == null) {
			return Optional.of(observation);
		}
		if (ResourceUtil.getEncodingTypeFromUserData(observation) != EncodingEnum.JSON) {
			return Optional.empty();
		}
		IBaseResource parsed;
		try {
			parsed = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(sent);
		} catch (DataFormatException e) {
			return Optional.empty();
		}
		return parsed instanceof Observation sentObservation ? Optional.of(sentObservation) : Optional.empty();
	}

	/** The module to register as the server's {@code IInstanceValidatorModule} (used by {@code $validate}). */
	public IInstanceValidatorModule instanceValidatorModule() {
		return module;
	}

	/** The shared, cached validation chain (also usable as a terminology source). */
	public IValidationSupport validationSupport() {
		return validationSupport;
	}

	public ConformanceResources conformanceResources() {
		return resources;
	}
}
