package org.trialfhir.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The accepted units per code and their conversion to the canonical unit, transcribed by hand from
 * docs/scores-spec.md §2.1 (scored variables) and §2.3 (followed variables).
 * Independent of the simulator's own unit tables on purpose.
 */
final class AcceptedUnits {
  private static final Map<String, Map<String, DoubleUnaryOperator>> BY_CODE = new HashMap<>();

  static {
    Map<String, DoubleUnaryOperator> counts = Map.of("10*9/L", v -> v, "10*3/uL", v -> v, "10*3/mm3", v -> v,
        "10*4/uL", v -> v * 10, "/uL", v -> v * 0.001, "/mm3", v -> v * 0.001);
    for (String code : new String[] {"777-3", "26515-7", "778-1", "49497-1", "6690-2", "26464-8", "804-5"}) {
      BY_CODE.put(code, counts);
    }
    put(Map.of("mg/dL", v -> v, "umol/L", v -> v / 88.4, "mmol/L", v -> v * 1000 / 88.4),
        "2160-0", "14682-9", "38483-4", "59826-8");
    put(Map.of("mg/dL", v -> v, "umol/L", v -> v / 17.1), "1975-2", "14631-6", "42719-5");
    put(Map.of("Cel", v -> v, "[degF]", v -> (v - 32) * 5 / 9), "8310-5", "8328-7", "8329-5", "8334-5", "60834-9");
    put(Map.of("/min", v -> v, "{beats}/min", v -> v), "8867-4");
    put(Map.of("/min", v -> v, "{breaths}/min", v -> v), "9279-1");
    Map<String, DoubleUnaryOperator> pressure = Map.of("mm[Hg]", v -> v, "kPa", v -> v * 7.50062);
    put(pressure, "8478-0", "76536-2", "2703-7", "2019-8");
    put(Map.of("{score}", v -> v, "1", v -> v), "9269-2");
    put(Map.of("[pH]", v -> v), "2744-1");
    put(Map.of("1", v -> v, "%", v -> v * 0.01), "3150-0", "19996-8");
    put(Map.of("mmol/L", v -> v, "meq/L", v -> v), "2951-2", "2823-3", "1963-8");
    put(Map.of("%", v -> v, "L/L", v -> v * 100, "1", v -> v * 100), "20570-8", "4544-3");
    put(Map.of("mL", v -> v, "L", v -> v * 1000), "9187-6");
    put(Map.of("s", v -> v), "5902-2");
    put(Map.of("1", v -> v, "{ratio}", v -> v), "5894-1");
    put(Map.of("{INR}", v -> v, "1", v -> v), "6301-6", "34714-6", "46418-0");
    Map<String, DoubleUnaryOperator> fibrin = Map.of("ug/mL", v -> v, "mg/L", v -> v, "ng/mL", v -> v * 0.001,
        "ug/L", v -> v * 0.001);
    put(fibrin, "30226-5", "48065-7", "48066-5", "48067-3", "48058-2");
    put(Map.of("mg/dL", v -> v, "g/L", v -> v * 100, "mg/L", v -> v * 0.1), "3255-7", "48664-7", "30902-1");
    put(Map.of("kg", v -> v), "29463-7");
    // docs/scores-spec.md §2.3, followed variables
    put(Map.of("%", v -> v), "59408-5", "27811-9", "27818-4", "protein-s");
    put(Map.of("mmol/L", v -> v, "mg/dL", v -> v / 9.008), "2524-7");
    put(Map.of("pg/mL", v -> v), "26881-3", "tnf-alpha", "il-1beta");
    put(Map.of("ng/mL", v -> v), "hmgb1", "soluble-thrombomodulin");
  }

  private AcceptedUnits() {
  }

  private static void put(Map<String, DoubleUnaryOperator> units, String... codes) {
    for (String code : codes) {
      BY_CODE.put(code, units);
    }
  }

  /** True when {@code unit} is on the accepted list of {@code code}. */
  static boolean accepts(String code, String unit) {
    return BY_CODE.containsKey(code) && BY_CODE.get(code).containsKey(unit);
  }

  /** The value in the canonical unit of docs/scores-spec.md §2.1 (or §2.3). */
  static double canonical(String code, String unit, double value) {
    if (!accepts(code, unit)) {
      throw new IllegalArgumentException("unit " + unit + " not accepted for " + code);
    }
    return BY_CODE.get(code).get(unit).applyAsDouble(value);
  }
}
