package org.trialfhir.simulator;

import java.time.Instant;

/**
 * What the clinical model reports, free of FHIR; {@link FhirEvents} turns each call into a resource.
 * Values are in the canonical units of docs/scores-spec.md §2. {@code day} is the study day of {@code time}.
 */
interface ClinicalEvents {

	void measured(Variable variable, int day, Instant time, double canonicalValue);

	/** Urine volume (mL) over [from, to). */
	void urineOutput(int day, Instant from, Instant to, double millilitres);

	/** A yes/no eCRF item (trial-ecrf code). */
	void ecrfFlag(String code, int day, Instant time, boolean value);

	/** eCRF operative-status with a trial-ecrf code as value. */
	void operativeStatus(Instant time, String statusCode);

	/** Invasive ventilation, NIV or high-flow nasal oxygen from {@code from} to {@code to}; {@code to} null while it goes on. */
	void respiratorySupport(SubjectProfile.Support mode, Instant from, Instant to);

	/** ECMO or RRT from {@code from} to {@code to}; {@code to} null while it goes on. */
	void organSupport(OrganSupport kind, Instant from, Instant to);

	/** A continuous infusion of a non-catecholamine drug at {@code rate} (in the drug's unit); {@code to} null while running. */
	void infusion(Drug drug, int day, Instant from, Instant to, double rate);

	/** A single dose of a drug (in the drug's unit). */
	void dose(Drug drug, int day, Instant time, double amount);

	void vasopressor(Vasopressor drug, int day, Instant from, Instant to, double microgramsPerKgPerMinute);

	/** The study drug of the rTM arm (thrombomodulin alfa 380 U/kg, a 30-minute infusion once a day, days 1–6). */
	void studyDrug(int day, Instant from, Instant to);

	/** A bleeding adverse event; {@code category} is a bleeding-category code. */
	void bleeding(int sequence, String category, Instant time, boolean serious);

	/** Organ support Procedures beyond ventilation (docs/scores.md, SOFA-2 inputs). */
	enum OrganSupport {
		ECMO_VV("ecmo", "233573008", "ecmo-vv", "Venovenous extracorporeal membrane oxygenation"),
		CRRT("crrt", "714749008", null, "Continuous renal replacement therapy");

		final String key;
		final String snomed;
		final String configuration;
		final String text;

		OrganSupport(String key, String snomed, String configuration, String text) {
			this.key = key;
			this.snomed = snomed;
			this.configuration = configuration;
			this.text = text;
		}
	}

	/** Non-catecholamine drugs SOFA-2 reads, with RxNorm ingredient codes and the unit of their rate or dose. */
	enum Drug {
		PROPOFOL("prop", "8782", "propofol", "mg/kg/h"),
		VASOPRESSIN("avp", "11149", "vasopressin", "U/min"),
		HALOPERIDOL("hal", "5093", "haloperidol", "mg");

		final String key;
		final String rxnorm;
		final String text;
		final String unit;

		Drug(String key, String rxnorm, String text, String unit) {
			this.key = key;
			this.rxnorm = rxnorm;
			this.text = text;
			this.unit = unit;
		}
	}

	/** The catecholamines the simulator gives, with the RxNorm clinical-drug codes of docs/scores-spec.md §2.2. */
	enum Vasopressor {
		NOREPINEPHRINE("nad", "1745276", "norepinephrine"),
		DOPAMINE("doa", "1743862", "dopamine");

		final String key;
		final String rxnorm;
		final String text;

		Vasopressor(String key, String rxnorm, String text) {
			this.key = key;
			this.rxnorm = rxnorm;
			this.text = text;
		}
	}
}
