package org.trialfhir.simulator;

/** Canonical URLs of the trial's conformance resources (docs/api.md §2). */
final class Profiles {
	static final String BASE = "http://trialfhir.org/fhir";
	static final String PATIENT = url("TrialPatient");
	static final String RESEARCH_STUDY = url("TrialResearchStudy");
	static final String RESEARCH_SUBJECT = url("TrialResearchSubject");
	static final String BLINDED_EXTENSION = url("blinded");
	static final String STUDY_DRUG_EXTENSION = url("study-drug");
	/** The trial's own drug codes: the study drug has no RxNorm code (not marketed in the US). */
	static final String TRIAL_DRUG_SYSTEM = BASE + "/CodeSystem/trial-drug";
	static final String GROUP_SEQUENTIAL_DESIGN_EXTENSION = url("group-sequential-design");
	static final String SIMULATOR_IDENTIFIER = BASE + "/sid/simulator";
	static final String ECRF_SYSTEM = BASE + "/CodeSystem/trial-ecrf";
	static final String BLEEDING_SYSTEM = BASE + "/CodeSystem/bleeding-category";

	private Profiles() {
	}

	static String url(String id) {
		return BASE + "/StructureDefinition/" + id;
	}
}
