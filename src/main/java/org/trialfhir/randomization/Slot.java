package org.trialfhir.randomization;

/** One position of a stratum's allocation list. Its arm stays on the server until the slot is used. */
record Slot(long id, String studyId, String stratum, int sequence, int blockNumber, int blockSize, String arm) {

	/** How audit records name the slot: position and block, never the arm. */
	String label() {
		return "ResearchStudy/" + studyId + " stratum " + stratum + " slot " + sequence + " (block " + blockNumber + ")";
	}
}
