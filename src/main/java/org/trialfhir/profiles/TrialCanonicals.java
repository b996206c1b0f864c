package org.trialfhir.profiles;

/** Canonical URLs of the trial's conformance resources (fixed names, see docs/api.md §2). */
public final class TrialCanonicals {

	public static final String BASE = "http://trialfhir.org/fhir";
	static final String SD = BASE + "/StructureDefinition/";

	public static final String TRIAL_RESEARCH_STUDY = SD + "TrialResearchStudy";
	public static final String TRIAL_RESEARCH_SUBJECT = SD + "TrialResearchSubject";
	public static final String TRIAL_PATIENT = SD + "TrialPatient";
	public static final String TRIAL_VITAL_SIGN = SD + "TrialVitalSign";
	public static final String TRIAL_LAB_RESULT = SD + "TrialLabResult";
	public static final String TRIAL_DERIVED_SCORE = SD + "TrialDerivedScore";
	public static final String TRIAL_ECRF_ITEM = SD + "TrialEcrfItem";
	public static final String TRIAL_DATA_QUERY = SD + "TrialDataQuery";

	public static final String EXT_STUDY_DAY = SD + "study-day";
	public static final String EXT_ALGORITHM_VERSION = SD + "algorithm-version";
	public static final String EXT_BLINDED = SD + "blinded";
	/** On an ineligible screening ResearchSubject: a failed eligibility criterion of $randomize (valueCode). */
	public static final String EXT_FAILED_CRITERION = SD + "failed-criterion";
	/** On ResearchStudy: the study drug (valueCodeableConcept), whose administrations the CONSORT flow counts. */
	public static final String EXT_STUDY_DRUG = SD + "study-drug";

	public static final String CS_TRIAL_SCORE = BASE + "/CodeSystem/trial-score";
	public static final String CS_TRIAL_ECRF = BASE + "/CodeSystem/trial-ecrf";
	public static final String CS_TRIAL_LAB = BASE + "/CodeSystem/trial-lab";
	public static final String CS_BLEEDING_CATEGORY = BASE + "/CodeSystem/bleeding-category";
	public static final String CS_TRIAL_TASK = BASE + "/CodeSystem/trial-task";
	/** Organ-support Procedure codes SOFA-2 reads where SNOMED CT is not enough (docs/scores.md). */
	public static final String CS_TRIAL_SUPPORT = BASE + "/CodeSystem/trial-support";
	/** Task.code of a data query (docs/data-quality.md), in {@link #CS_TRIAL_TASK}. */
	public static final String DATA_QUERY = "data-query";

	public static final String VS_TRIAL_VARIABLES = BASE + "/ValueSet/trial-variables";
	public static final String VS_TRIAL_VITAL_SIGNS = BASE + "/ValueSet/trial-vital-signs";

	public static final String SID_SITE = BASE + "/sid/site";
	public static final String SID_DERIVED_SCORE = BASE + "/derived-score";

	public static final String LOINC = "http://loinc.org";
	public static final String UCUM = "http://unitsofmeasure.org";
	public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	private TrialCanonicals() {}
}
