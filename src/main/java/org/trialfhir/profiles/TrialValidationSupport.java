package org.trialfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The offline validation support chain: core definitions (what validation asks for,
 * {@link CoreDefinitionsValidationSupport}), the trial's profiles (differentials; snapshots generated
 * when first needed), UCUM and the other common code systems, and in-memory ValueSet expansion. No remote
 * terminology. Since HAPI 8 the chain caches fetches, expansions and code validations itself (CachingValidationSupport
 * is deprecated), and the instance validator built on it keeps the generated snapshots: build both once and share
 * them, or every call pays for snapshot generation and ValueSet expansion again.
 */
final class TrialValidationSupport {

	private TrialValidationSupport() {}

	static ValidationSupportChain build(FhirContext ctx, ConformanceResources resources) {
		var trialResources = new PrePopulatedValidationSupport(ctx);
		for (IBaseResource r : resources.all()) {
			if (r instanceof StructureDefinition || r instanceof ValueSet || r instanceof CodeSystem) {
				trialResources.addResource(r);
			}
		}
		trialResources.lock();

		var terminology = new InMemoryTerminologyServerValidationSupport(ctx);
		// hospitals send their own LOINC display texts; a different display is not an error
		terminology.setIssueSeverityForCodeDisplayMismatch(IValidationSupport.IssueSeverity.INFORMATION);

		// LOINC and SNOMED CT are not loaded (offline, no licensed content): their codes are checked against our
		// enumerated ValueSets only, and "unknown code system" is information instead of an error
		var unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
		unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.INFORMATION);

		return new ValidationSupportChain(
				new CoreDefinitionsValidationSupport(ctx),
				trialResources,
				new SnapshotGeneratingValidationSupport(ctx),
				new CommonCodeSystemsTerminologyService(ctx),
				terminology,
				unknownCodeSystems);
	}
}
