package org.trialfhir.simulator;

/** Observation category and the trial profile an Observation of that kind claims (docs/api.md §2.2). */
enum Category {
	VITAL("vital-signs", "Vital Signs", "TrialVitalSign"),
	LAB("laboratory", "Laboratory", "TrialLabResult"),
	ECRF("survey", "Survey", "TrialEcrfItem");

	static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

	private final String code;
	private final String display;
	private final String profileId;

	Category(String code, String display, String profileId) {
		this.code = code;
		this.display = display;
		this.profileId = profileId;
	}

	String code() {
		return code;
	}

	String display() {
		return display;
	}

	String profile() {
		return Profiles.url(profileId);
	}
}
