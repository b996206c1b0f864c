package org.trialfhir.scoring;

/**
 * Day-level measurements the scores read, with the canonical unit the value must be in. Names and units equal
 * {@code org.trialfhir.units.TrialVariable} (a test keeps them equal), so a mapper can do
 * {@code Analyte.valueOf(variable.name())}. PaO₂, PaCO₂, arterial pH and a reported P/F are not here: they are
 * members of an {@link ArterialGas}. {@link #FIO2} holds charted FiO₂ (for pairing, docs/scores-spec.md §1.2).
 */
public enum Analyte {
    PLATELETS("10*9/L"),
    WBC("10*9/L"),
    BANDS_PCT("%"),
    CREATININE("mg/dL"),
    BILIRUBIN("mg/dL"),
    TEMPERATURE("Cel"),
    HEART_RATE("/min"),
    RESP_RATE("/min"),
    MAP("mm[Hg]"),
    SBP("mm[Hg]"),
    DBP("mm[Hg]"),
    GCS("{score}"),
    FIO2("1"),
    HCO3("mmol/L"),
    SODIUM("mmol/L"),
    POTASSIUM("mmol/L"),
    HEMATOCRIT("%"),
    PT_S("s"),
    PT_RATIO("1"),
    INR("{INR}"),
    FDP("ug/mL"),
    D_DIMER("ug/mL"),
    FIBRINOGEN("mg/dL");

    private final String unit;

    Analyte(String unit) {
        this.unit = unit;
    }

    /** Canonical UCUM unit of the values. */
    public String unit() {
        return unit;
    }

    /** Variable id as in docs/scores-spec.md §2, e.g. {@code pt_ratio}. */
    public String id() {
        return name().toLowerCase();
    }
}
