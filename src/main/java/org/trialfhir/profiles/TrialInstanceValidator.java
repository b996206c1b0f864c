package org.trialfhir.profiles;

import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The HAPI instance validator on the trial's validation chain, followed by the trial's own rules. Registered as the
 * server's {@code IInstanceValidatorModule}, it is what {@code $validate} and the write-path check run.
 */
final class TrialInstanceValidator implements IInstanceValidatorModule {

	private final FhirInstanceValidator core;
	private final UnitRule units;

	TrialInstanceValidator(FhirInstanceValidator core, UnitRule units) {
		this.core = core;
		this.units = units;
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> ctx) {
		core.validateResource(ctx);
		units.validateResource(ctx);
	}
}
