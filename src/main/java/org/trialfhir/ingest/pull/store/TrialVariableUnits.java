package org.trialfhir.ingest.pull.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;
import org.trialfhir.units.TrialVariable;

/** What the pull fetches and accepts: the trial variables of docs/scores-spec.md §2.1 and §2.3 ({@link TrialVariable}). */
@Component
class TrialVariableUnits implements UnitAcceptance {

	static final String UCUM = "http://unitsofmeasure.org";

	@Override
	public List<Coding> pulledCodes() {
		return Arrays.stream(TrialVariable.values())
				.flatMap(variable -> variable.codes().stream().map(code -> new Coding(variable.system(), code, null)))
				.distinct()
				.toList();
	}

	@Override
	public boolean followed(Coding code) {
		return TrialVariable.byCode(code.getSystem(), code.getCode()).isPresent();
	}

	@Override
	public Optional<String> rejection(Coding code, Quantity quantity) {
		Optional<TrialVariable> variable = TrialVariable.byCode(code.getSystem(), code.getCode());
		String unit = quantity.getCode();
		if (variable.isEmpty() || (UCUM.equals(quantity.getSystem()) && variable.get().acceptedUnits().contains(unit))) {
			return Optional.empty();
		}
		String sent = unit == null ? "no UCUM code" : "'" + unit + "'" + (UCUM.equals(quantity.getSystem())
				? "" : " (system " + quantity.getSystem() + ")");
		String named = (TrialVariable.LOINC.equals(code.getSystem()) ? "LOINC " : code.getSystem() + " ") + code.getCode();
		return Optional.of("unit " + sent + " is not accepted for " + variable.get().id() + " (" + named
				+ "); use " + String.join(", ", variable.get().acceptedUnits()) + " with system " + UCUM);
	}
}
