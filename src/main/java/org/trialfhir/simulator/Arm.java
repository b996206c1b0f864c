package org.trialfhir.simulator;

/** The two arms, in ResearchStudy.arm order (the first is the treatment side of every comparison). */
enum Arm {
	RTM("rTM", "Recombinant human soluble thrombomodulin (thrombomodulin alfa) 380 U/kg/day IV for 6 days"
			+ " with standard care"),
	CONTROL("control", "Standard care without thrombomodulin");

	private final String armName;
	private final String description;

	Arm(String armName, String description) {
		this.armName = armName;
		this.description = description;
	}

	/** ResearchStudy.arm.name and ResearchSubject.assignedArm. */
	String armName() {
		return armName;
	}

	String description() {
		return description;
	}
}
