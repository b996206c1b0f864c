package org.trialfhir.scoring;

import java.util.Arrays;

/** APACHE II operative status, codes of CodeSystem trial-ecrf (item {@code operative-status}). */
public enum OperativeStatus {
	NONOPERATIVE("nonoperative"),
	EMERGENCY_POSTOPERATIVE("emergency-postoperative"),
	ELECTIVE_POSTOPERATIVE("elective-postoperative");

	private final String code;

	OperativeStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static OperativeStatus fromCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("unknown operative status " + code));
	}
}
