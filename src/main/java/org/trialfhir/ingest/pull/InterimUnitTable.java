package org.trialfhir.ingest.pull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;

/**
 * A stand-in for {@code org.trialfhir.units.TrialVariable} (another branch) with a few variables of SCORES.md §2 and
 * codes.md: their LOINC codes and accepted UCUM units, copied from those tables. Replace by an adapter over
 * TrialVariable ({@code byCode(system, code)}, {@code acceptedUnits()}) when it is merged.
 */
@Component
class InterimUnitTable implements UnitAcceptance {

	static final String LOINC = "http://loinc.org";
	static final String UCUM = "http://unitsofmeasure.org";

	private static final List<String> COUNTS = List.of("10*9/L", "10*3/uL", "10*3/mm3", "10*4/uL", "/uL", "/mm3");

	/** LOINC code → (variable, accepted units). */
	private static final Map<String, Variable> BY_LOINC = new LinkedHashMap<>();

	static {
		add("platelets", COUNTS, "777-3", "26515-7", "778-1", "49497-1");
		add("wbc", COUNTS, "6690-2", "26464-8", "804-5");
		add("creatinine", List.of("mg/dL", "umol/L", "mmol/L"), "2160-0", "14682-9");
		add("temperature", List.of("Cel", "[degF]"), "8310-5", "8328-7", "8329-5");
		add("heart_rate", List.of("/min", "{beats}/min"), "8867-4");
		add("resp_rate", List.of("/min", "{breaths}/min"), "9279-1");
		add("map", List.of("mm[Hg]", "kPa"), "8478-0", "76536-2");
		add("spo2", List.of("%"), "59408-5");
		add("lactate", List.of("mmol/L", "mg/dL"), "2524-7");
	}

	private record Variable(String id, List<String> units) {}

	private static void add(String id, List<String> units, String... codes) {
		for (String code : codes) {
			BY_LOINC.put(code, new Variable(id, units));
		}
	}

	@Override
	public List<Coding> pulledCodes() {
		return BY_LOINC.keySet().stream().map(code -> new Coding(LOINC, code, null)).toList();
	}

	@Override
	public boolean followed(Coding code) {
		return LOINC.equals(code.getSystem()) && BY_LOINC.containsKey(code.getCode());
	}

	@Override
	public Optional<String> rejection(Coding code, Quantity quantity) {
		Variable variable = BY_LOINC.get(code.getCode());
		String unit = quantity.getCode();
		if (variable == null || (UCUM.equals(quantity.getSystem()) && variable.units().contains(unit))) {
			return Optional.empty();
		}
		String sent = unit == null ? "no UCUM code" : "'" + unit + "'" + (UCUM.equals(quantity.getSystem())
				? "" : " (system " + quantity.getSystem() + ")");
		return Optional.of("unit " + sent + " is not accepted for " + variable.id() + " (LOINC " + code.getCode()
				+ "); use " + String.join(", ", variable.units()) + " with system " + UCUM);
	}
}
