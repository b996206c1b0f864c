package org.trialfhir.randomization;

/**
 * The score whose recent DIC makes a patient eligible ({@code trialfhir.randomization.eligibility.dic-score}); its
 * trial-score code also names the criterion in a 422 answer.
 */
enum DicScore {
	/** The trial's original criterion: a JAAM DIC total of at least {@code jaam-dic.minimum}. */
	JAAM_DIC("jaam-dic", "JAAM DIC", Criterion.JAAM_DIC),
	/** JAAM-2 DIC (total ≥ 3 without the SIRS item): its {@code jaam-2-dic-diagnosis} component true. */
	JAAM_2_DIC("jaam-2-dic", "JAAM-2 DIC", Criterion.JAAM_2_DIC),
	/** Sepsis-induced coagulopathy: its {@code sic-diagnosis} component (the derivation-paper rule) true. */
	SIC("sic", "SIC", Criterion.SIC);

	final String code;
	final String label;
	final Criterion criterion;

	DicScore(String code, String label, Criterion criterion) {
		this.code = code;
		this.label = label;
		this.criterion = criterion;
	}

	/** The component whose {@code valueBoolean} is the score's diagnosis. */
	String diagnosisComponent() {
		return code + "-diagnosis";
	}
}
