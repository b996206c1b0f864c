package org.trialfhir.randomization;

/** One position of a stratum's allocation list. Its arm stays on the server until the slot is used. */
record Slot(long id, String studyId, String stratum, int sequence, int blockNumber, int blockSize, String arm) {

	/**
	 * How audit records and logs name the slot: by its opaque id only. Its stratum, position and block stay in the
	 * concealed table, since positions within a block of known size predict the next allocations; never the arm.
	 */
	String label() {
		return "ResearchStudy/" + studyId + " allocation slot " + id;
	}
}
