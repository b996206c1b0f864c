package org.trialfhir.simulator;

/**
 * The measured variables, each with its default (conventional) code and unit; {@link UnitStyle} changes
 * them per site. Values inside the simulator are always in the canonical unit of docs/scores-spec.md §2.
 */
enum Variable {
	HEART_RATE("hr", Category.VITAL, Measure.loinc("8867-4", "Heart rate", "/min", 1, 0)),
	RESP_RATE("rr", Category.VITAL, Measure.loinc("9279-1", "Respiratory rate", "/min", 1, 0)),
	TEMPERATURE("temp", Category.VITAL, Measure.loinc("8310-5", "Body temperature", "Cel", 1, 1)),
	MAP("map", Category.VITAL, Measure.loinc("8478-0", "Mean blood pressure", "mm[Hg]", 1, 0)),
	SPO2("spo2", Category.VITAL, Measure.loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry",
			"%", 1, 0)),
	GCS("gcs", Category.VITAL, Measure.loinc("9269-2", "Glasgow coma score total", "{score}", 1, 0)),
	FIO2("fio2", Category.VITAL, Measure.loinc("3150-0", "Inhaled oxygen concentration", "1", 1, 2)),
	WEIGHT("wt", Category.VITAL, Measure.loinc("29463-7", "Body weight", "kg", 1, 1)),
	URINE_OUTPUT("uo", Category.VITAL, Measure.loinc("9187-6", "Urine output", "mL", 1, 0)),

	PLATELETS("plt", Category.LAB, Measure.loinc("777-3", "Platelets [#/volume] in Blood by Automated count",
			"10*3/uL", 1, 0)),
	WBC("wbc", Category.LAB, Measure.loinc("6690-2", "Leukocytes [#/volume] in Blood by Automated count",
			"10*3/uL", 1, 1)),
	PT_SECONDS("pts", Category.LAB, Measure.loinc("5902-2", "Prothrombin time (PT)", "s", 1, 1)),
	PT_RATIO("ptr", Category.LAB, Measure.loinc("5894-1", "Prothrombin time (PT) actual/Normal", "1", 1, 2)),
	INR("inr", Category.LAB, Measure.loinc("6301-6", "INR in Platelet poor plasma by Coagulation assay",
			"{INR}", 1, 2)),
	FDP("fdp", Category.LAB, Measure.loinc("30226-5",
			"Fibrin+Fibrinogen fragments [Mass/volume] in Platelet poor plasma", "ug/mL", 1, 1)),
	D_DIMER("ddim", Category.LAB, Measure.loinc("48065-7", "Fibrin D-dimer FEU [Mass/volume] in Platelet poor plasma",
			"ug/mL", 1, 1)),
	FIBRINOGEN("fbg", Category.LAB, Measure.loinc("3255-7",
			"Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay", "mg/dL", 1, 0)),
	CREATININE("cre", Category.LAB, Measure.loinc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma",
			"mg/dL", 1, 2)),
	BILIRUBIN("bil", Category.LAB, Measure.loinc("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma",
			"mg/dL", 1, 1)),
	SODIUM("na", Category.LAB, Measure.loinc("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 1, 0)),
	POTASSIUM("k", Category.LAB, Measure.loinc("2823-3", "Potassium [Moles/volume] in Serum or Plasma",
			"mmol/L", 1, 1)),
	HEMATOCRIT("hct", Category.LAB, Measure.loinc("20570-8", "Hematocrit [Volume Fraction] of Blood", "%", 1, 1)),
	ANTITHROMBIN("at", Category.LAB, Measure.loinc("27811-9", "Antithrombin actual/normal in Platelet poor plasma",
			"%", 1, 0)),
	LACTATE("lac", Category.LAB, Measure.loinc("2524-7", "Lactate [Moles/volume] in Serum or Plasma", "mmol/L",
			1, 1)),
	PAO2("pao2", Category.LAB, Measure.loinc("2703-7", "Oxygen [Partial pressure] in Arterial blood", "mm[Hg]", 1, 0)),
	PACO2("paco2", Category.LAB, Measure.loinc("2019-8", "Carbon dioxide [Partial pressure] in Arterial blood",
			"mm[Hg]", 1, 0)),
	PH("ph", Category.LAB, Measure.loinc("2744-1", "pH of Arterial blood", "[pH]", 1, 2)),

	TNF_ALPHA("tnf", Category.LAB, Measure.trialLab("tnf-alpha", "TNF-alpha", "pg/mL", 1)),
	IL_1BETA("il1b", Category.LAB, Measure.trialLab("il-1beta", "Interleukin-1 beta", "pg/mL", 1)),
	IL_6("il6", Category.LAB, Measure.loinc("26881-3", "Interleukin 6 [Mass/volume] in Serum or Plasma", "pg/mL",
			1, 1)),
	HMGB1("hmgb1", Category.LAB, Measure.trialLab("hmgb1", "HMGB-1", "ng/mL", 1)),
	SOLUBLE_THROMBOMODULIN("stm", Category.LAB, Measure.trialLab("soluble-thrombomodulin", "Soluble thrombomodulin",
			"ng/mL", 1)),
	PROTEIN_C("pc", Category.LAB, Measure.loinc("27818-4", "Protein C actual/normal in Platelet poor plasma",
			"%", 1, 0)),
	PROTEIN_S("ps", Category.LAB, Measure.trialLab("protein-s", "Protein S activity", "%", 0));

	private final String key;
	private final Category category;
	private final Measure base;

	Variable(String key, Category category, Measure base) {
		this.key = key;
		this.category = category;
		this.base = base;
	}

	/** Short name used in resource ids, e.g. {@code plt} in {@code sim-p0001-d01-plt-1}. */
	String key() {
		return key;
	}

	Category category() {
		return category;
	}

	Measure base() {
		return base;
	}

	String display() {
		return base.display();
	}
}
