package org.trialfhir.support;

/** The demo clients of the embedded authorization server (application-demo-clients.yaml, in the test profile), one per role (docs/security.md). */
public enum TestRole {
	EHR("ehr-demo"),
	RESEARCH("research-demo"),
	INVESTIGATOR("investigator-demo"),
	CLINICIAN("clinician-demo"),
	ADMIN("admin-demo"),
	AUDITOR("auditor-demo"),
	COORDINATOR("coordinator-demo");

	public final String clientId;

	TestRole(String clientId) {
		this.clientId = clientId;
	}

	public String secret() {
		return clientId + "-secret";
	}
}
