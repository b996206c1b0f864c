package org.trialfhir.units;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every measured variable of the trial: its id, codes, canonical UCUM unit and the units accepted for it.
 *
 * <p>Source: docs/scores-spec.md §2.1 (scored variables) and §2.3 (followed, not
 * scored). This enum is the single source of truth for ingestion, profile checks, scoring inputs and analysis.
 * Ids are snake_case; the scoring package's {@code Analyte} uses the same names.
 *
 * <p>Accepted units are exact UCUM codes (case-sensitive). Anything else is rejected by {@link UnitConverter};
 * nothing is guessed. {@code γ} is the one non-UCUM code, and only for vasopressor rates (see UnitConverter).
 */
public enum TrialVariable {
    // --- scored (docs/scores-spec.md §2.1) ---
    PLATELETS("platelets", "10*9/L", loinc("777-3", "26515-7", "778-1", "49497-1"), Units.COUNTS),
    WBC("wbc", "10*9/L", loinc("6690-2", "26464-8", "804-5", "49498-9"), Units.COUNTS),
    BANDS_PCT("bands_pct", "%", loinc("764-1", "26508-2", "35332-6"), List.of("%")),
    CREATININE("creatinine", "mg/dL", loinc("2160-0", "14682-9", "38483-4", "59826-8"),
            List.of("mg/dL", "umol/L", "mmol/L")),
    BILIRUBIN("bilirubin", "mg/dL", loinc("1975-2", "14631-6", "42719-5"), List.of("mg/dL", "umol/L")),
    TEMPERATURE("temperature", "Cel", loinc("8310-5", "8328-7", "8329-5", "8334-5", "60834-9", "8331-1"),
            List.of("Cel", "[degF]")),
    HEART_RATE("heart_rate", "/min", loinc("8867-4"), List.of("/min", "{beats}/min")),
    RESP_RATE("resp_rate", "/min", loinc("9279-1"), List.of("/min", "{breaths}/min")),
    MAP("map", "mm[Hg]", loinc("8478-0", "76536-2"), Units.PRESSURE),
    SBP("sbp", "mm[Hg]", loinc("8480-6"), Units.PRESSURE),
    DBP("dbp", "mm[Hg]", loinc("8462-4"), Units.PRESSURE),
    GCS("gcs", "{score}", loinc("9269-2"), List.of("{score}", "1")),
    PAO2("pao2", "mm[Hg]", loinc("2703-7"), Units.PRESSURE),
    PACO2("paco2", "mm[Hg]", loinc("2019-8"), Units.PRESSURE),
    PH("ph", "[pH]", loinc("2744-1"), List.of("[pH]")),
    FIO2("fio2", "1", loinc("3150-0", "19996-8"), List.of("1", "%")),
    PF_RATIO("pf_ratio", "mm[Hg]", loinc("50984-4"), List.of("mm[Hg]")),
    HCO3("hco3", "mmol/L", loinc("1963-8"), Units.MOLAR),
    SODIUM("sodium", "mmol/L", loinc("2951-2", "2947-0"), Units.MOLAR),
    POTASSIUM("potassium", "mmol/L", loinc("2823-3", "6298-4"), Units.MOLAR),
    HEMATOCRIT("hematocrit", "%", loinc("20570-8", "4544-3"), List.of("%", "L/L", "1")),
    URINE_OUTPUT("urine_output", "mL", loinc("9187-6"), List.of("mL", "L")),
    PT_S("pt_s", "s", loinc("5902-2"), List.of("s")),
    PT_RATIO("pt_ratio", "1", loinc("5894-1"), List.of("1", "{ratio}")),
    INR("inr", "{INR}", loinc("6301-6", "34714-6", "46418-0"), List.of("{INR}", "1")),
    FDP("fdp", "ug/mL", loinc("30226-5"), Units.FDP),
    D_DIMER("d_dimer", "ug/mL",
            loinc("48065-7", "48066-5", "48067-3", "48058-2", "7799-0", "3246-6", "71427-9", "91556-1"),
            Units.D_DIMER),
    FIBRINOGEN("fibrinogen", "mg/dL", loinc("3255-7", "48664-7", "30902-1"), List.of("mg/dL", "g/L", "mg/L")),
    WEIGHT_KG("weight_kg", "kg", loinc("29463-7"), List.of("kg")),
    // --- followed, not scored (docs/scores-spec.md §2.3) ---
    SPO2("spo2", "%", loinc("59408-5"), List.of("%")),
    LACTATE("lactate", "mmol/L", loinc("2524-7"), List.of("mmol/L", "mg/dL")),
    ANTITHROMBIN("antithrombin", "%", loinc("27811-9"), List.of("%")),
    PROTEIN_C("protein_c", "%", loinc("27818-4"), List.of("%")),
    IL6("il6", "pg/mL", loinc("26881-3"), List.of("pg/mL")),
    TNF_ALPHA("tnf_alpha", "pg/mL", trialLab("tnf-alpha"), List.of("pg/mL")),
    IL1_BETA("il1_beta", "pg/mL", trialLab("il-1beta"), List.of("pg/mL")),
    HMGB1("hmgb1", "ng/mL", trialLab("hmgb1"), List.of("ng/mL")),
    SOLUBLE_THROMBOMODULIN("soluble_thrombomodulin", "ng/mL", trialLab("soluble-thrombomodulin"), List.of("ng/mL")),
    PROTEIN_S("protein_s", "%", trialLab("protein-s"), List.of("%"));

    public static final String LOINC = "http://loinc.org";
    public static final String TRIAL_LAB = "http://trialfhir.org/fhir/CodeSystem/trial-lab";

    private static final Map<String, TrialVariable> BY_SYSTEM_AND_CODE = new HashMap<>();

    static {
        for (TrialVariable v : values()) {
            for (String code : v.codes) {
                TrialVariable previous = BY_SYSTEM_AND_CODE.put(v.system + "|" + code, v);
                if (previous != null) {
                    throw new IllegalStateException("code " + code + " used by " + previous + " and " + v);
                }
            }
        }
    }

    private final String id;
    private final String canonicalUnit;
    private final String system;
    private final List<String> codes;
    private final List<String> acceptedUnits;

    TrialVariable(String id, String canonicalUnit, Codes codes, List<String> acceptedUnits) {
        this.id = id;
        this.canonicalUnit = canonicalUnit;
        this.system = codes.system();
        this.codes = codes.codes();
        this.acceptedUnits = acceptedUnits;
    }

    /** snake_case id as in docs/scores-spec.md §2, e.g. {@code platelets}, {@code pt_ratio}. */
    public String id() {
        return id;
    }

    /** Canonical UCUM code every value is converted to before scoring. */
    public String canonicalUnit() {
        return canonicalUnit;
    }

    /** Code system of {@link #codes()}: {@link #LOINC} or {@link #TRIAL_LAB}. */
    public String system() {
        return system;
    }

    /** Observation.code codes in {@link #system()}; the first is the preferred one. */
    public List<String> codes() {
        return codes;
    }

    /** Exact UCUM codes accepted for this variable (the canonical unit first). */
    public List<String> acceptedUnits() {
        return acceptedUnits;
    }

    /**
     * True only for temperature (°C, °F). Every other trial variable is a count, concentration, activity,
     * pressure, rate, ratio, score, volume or weight: a negative value is not a measurement but an error.
     */
    public boolean canBeNegative() {
        return this == TEMPERATURE;
    }

    /** True for variables of docs/scores-spec.md §2.1 (scored or needed by a score), false for followed-only labs. */
    public boolean scored() {
        return ordinal() <= WEIGHT_KG.ordinal();
    }

    public static Optional<TrialVariable> byLoinc(String code) {
        return byCode(LOINC, code);
    }

    public static Optional<TrialVariable> byCode(String system, String code) {
        return Optional.ofNullable(BY_SYSTEM_AND_CODE.get(system + "|" + code));
    }

    public static Optional<TrialVariable> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /** Display for messages: "platelets (LOINC 777-3)". */
    String label() {
        return id + (system.equals(LOINC) ? " (LOINC " : " (trial-lab ") + codes.get(0) + ")";
    }

    private record Codes(String system, List<String> codes) {
    }

    private static Codes loinc(String... codes) {
        return new Codes(LOINC, List.of(codes));
    }

    private static Codes trialLab(String... codes) {
        return new Codes(TRIAL_LAB, List.of(codes));
    }

    /** Unit lists shared by several variables (a nested class: enum constants cannot see static fields). */
    private static final class Units {
        static final List<String> COUNTS = List.of("10*9/L", "10*3/uL", "10*3/mm3", "10*4/uL", "/uL", "/mm3");
        static final List<String> PRESSURE = List.of("mm[Hg]", "kPa");
        static final List<String> MOLAR = List.of("mmol/L", "meq/L");
        static final List<String> FDP = List.of("ug/mL", "mg/L", "ng/mL", "ug/L");
        static final List<String> D_DIMER = List.of("ug/mL", "mg/L", "ng/mL", "ug/L",
                "ug/mL{FEU}", "mg/L{FEU}", "ng/mL{FEU}", "ug/L{FEU}",
                "ug/mL{DDU}", "mg/L{DDU}", "ng/mL{DDU}", "ug/L{DDU}");
    }
}
