package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;
import org.trialfhir.studyday.PatientT0;

/**
 * Validates each resource written through the API (alone or inside a bundle) that claims a trial profile, and every
 * Observation of an enrolled subject against the profile its category and code call for. Invalid writes are refused
 * with 422 before anything is stored; a transaction with one invalid entry stores nothing. The write pipeline's
 * {@code validate} step, for a client's writes only: the server's own (derived scores, re-stamps) are not validated.
 */
@Component
class WriteValidationInterceptor implements WriteStep {

	private static final Logger log = LoggerFactory.getLogger(WriteValidationInterceptor.class);

	/** Built in the background at start ({@link ProfileValidationConfig#trialValidator}): taken on first use. */
	private final Supplier<TrialValidator> validator;
	private final PatientT0 t0s;
	private final ValidationMode mode;
	private final FhirContext fhirContext;

	WriteValidationInterceptor(ObjectProvider<TrialValidator> validator, PatientT0 t0s, ValidationProperties properties,
			FhirContext fhirContext) {
		this.validator = SingletonSupplier.of(validator::getObject);
		this.t0s = t0s;
		this.mode = properties.validationMode();
		this.fhirContext = fhirContext;
	}

	@Override
	public String name() {
		return "validate";
	}

	@Override
	public Writes runsFor() {
		return Writes.CLIENT_REST_WRITES;
	}

	@Override
	public void beforeStore(WriteContext write) {
		if (write.kind() != WriteContext.Kind.DELETE) {
			check(write.resource());
		}
	}

	private void check(IBaseResource resource) {
		if (mode == ValidationMode.OFF) {
			return;
		}
		TrialValidationResult result;
		if (resource instanceof Observation observation && isEnrolled(observation.getSubject())) {
			result = validator.get().validateEnrolledObservation(observation);
		} else if (resource instanceof Task task && isDataQuery(task)) {
			result = validator.get().validate(task, TrialCanonicals.TRIAL_DATA_QUERY);
		} else if (claimsTrialProfile(resource)) {
			result = validator.get().validate(resource);
		} else {
			return;
		}
		if (mode.rejects(result)) {
			throw new UnprocessableEntityException(fhirContext, result.toOperationOutcome());
		}
		if (result.hasErrors()) {
			log.warn("{} stored although invalid (trialfhir.validation.mode=warn): {}", resource.fhirType(), result.errors());
		}
	}

	/** Enrolled: the subject has a T0 (remembered by {@link PatientT0} for the rest of the transaction). */
	private boolean isEnrolled(Reference subject) {
		return subject != null && subject.hasReference() && t0s.t0Of(subject).isPresent();
	}

	/** A data query is held to its profile whether or not it claims it: $completeness lists it to the sites. */
	private static boolean isDataQuery(Task task) {
		return task.getCode().getCoding().stream().anyMatch(c -> TrialCanonicals.CS_TRIAL_TASK.equals(c.getSystem())
				&& TrialCanonicals.DATA_QUERY.equals(c.getCode()));
	}

	private static boolean claimsTrialProfile(IBaseResource resource) {
		return resource.getMeta().getProfile().stream()
				.anyMatch(p -> p.getValueAsString() != null && p.getValueAsString().startsWith(TrialCanonicals.BASE));
	}
}
