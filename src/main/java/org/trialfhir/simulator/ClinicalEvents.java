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

	/** Invasive ventilation or NIV from {@code from} to {@code to}; {@code to} null while it goes on. */
	void respiratorySupport(boolean invasive, Instant from, Instant to);

	void vasopressor(Vasopressor drug, int day, Instant from, Instant to, double microgramsPerKgPerMinute);

	/** The study drug of the rTM arm (thrombomodulin alfa 380 U/kg, a 30-minute infusion once a day, days 1–6). */
	void studyDrug(int day, Instant from, Instant to);

	/** A bleeding adverse event; {@code category} is a bleeding-category code. */
	void bleeding(int sequence, String category, Instant time, boolean serious);

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
