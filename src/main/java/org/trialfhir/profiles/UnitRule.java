package org.trialfhir.profiles;

import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.trialfhir.units.TrialVariable;

/**
 * Accepted unit per variable (docs/scores-spec.md §1.3: an Observation whose unit is not on the accepted list is
 * rejected and the rejection reported; a unit is never guessed). A FHIRPath invariant cannot name the offending
 * unit or list the accepted ones, so this rule runs as a validator module next to the instance validator, for Observations validated against TrialVitalSign or
 * TrialLabResult (claimed in meta.profile or requested). The accepted units are those of {@link TrialVariable}, which
 * reads them from the ValueSets {@code units-<v>} of {@code profiles/}: the pull and the scores accept the same.
 */
final class UnitRule implements IValidatorModule {

	static final String LOCATION = "Observation.valueQuantity.code";
	private static final Set<String> PROFILES = Set.of(TrialCanonicals.TRIAL_VITAL_SIGN, TrialCanonicals.TRIAL_LAB_RESULT);

	/** A code of an Observation that names a trial variable. */
	record Match(Coding coding, TrialVariable variable) {}

	@Override
	public void validateResource(IValidationContext<IBaseResource> ctx) {
		if (!(ctx.getResource() instanceof Observation obs) || !obs.hasValueQuantity() || !appliesTo(obs, ctx)) {
			return;
		}
		Quantity quantity = obs.getValueQuantity();
		if (!quantity.hasCode()) {
			return; // the profile reports the missing code
		}
		find(obs.getCode())
				.filter(match -> !match.variable().acceptedUnits().contains(quantity.getCode()))
				.ifPresent(match -> ctx.addValidationMessage(error(message(quantity.getCode(), match))));
	}

	/** The first coding of the concept that is a code of a trial variable. */
	static Optional<Match> find(CodeableConcept code) {
		return code.getCoding().stream()
				.flatMap(c -> TrialVariable.byCode(c.getSystem(), c.getCode()).map(v -> new Match(c, v)).stream())
				.findFirst();
	}

	private static boolean appliesTo(Observation obs, IValidationContext<IBaseResource> ctx) {
		Stream<String> claimed = obs.getMeta().getProfile().stream().map(p -> withoutVersion(p.getValue()));
		return Stream.concat(claimed, ctx.getOptions().getProfiles().stream().map(UnitRule::withoutVersion))
				.anyMatch(PROFILES::contains);
	}

	private static String withoutVersion(String canonical) {
		int bar = canonical == null ? -1 : canonical.indexOf('|');
		return bar < 0 ? canonical : canonical.substring(0, bar);
	}

	static String message(String unit, Match match) {
		return "unit '" + unit + "' is not accepted for " + match.variable().id() + " (" + describe(match.coding())
				+ "); use " + orList(match.variable().acceptedUnits());
	}

	private static String describe(Coding coding) {
		if (TrialCanonicals.LOINC.equals(coding.getSystem())) {
			return "LOINC " + coding.getCode();
		}
		return TrialCanonicals.CS_TRIAL_LAB.equals(coding.getSystem())
				? "trial-lab " + coding.getCode()
				: coding.getSystem() + "|" + coding.getCode();
	}

	/** "a", "a or b", "a, b or c". */
	static String orList(List<String> items) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
	}

	private static SingleValidationMessage error(String text) {
		var message = new SingleValidationMessage();
		message.setSeverity(ResultSeverityEnum.ERROR);
		message.setLocationString(LOCATION);
		message.setMessageId("trial-unit-1");
		message.setMessage(text);
		return message;
	}
}
