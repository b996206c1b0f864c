package org.trialfhir.simulator;

/**
 * Permuted-block randomisation. The ratio A:B is reduced (18:24 → 3:4) and each block of A+B subjects holds
 * exactly A rTM and B control in a seeded random order, so a cohort of whole blocks has the exact ratio
 * (42 subjects at 18:24 → 18 rTM, 24 control). A subject's arm needs only its own block: no global state.
 */
final class Allocation {
	private final long seed;
	private final int treatment;
	private final int blockSize;

	Allocation(long seed, int ratioTreatment, int ratioControl) {
		int gcd = gcd(ratioTreatment, ratioControl);
		this.seed = seed;
		this.treatment = ratioTreatment / gcd;
		this.blockSize = (ratioTreatment + ratioControl) / gcd;
	}

	/** Arm of the subject with 0-based enrolment index {@code index}. */
	Arm armOf(int index) {
		int block = index / blockSize;
		boolean[] isTreatment = new boolean[blockSize];
		for (int i = 0; i < treatment; i++) {
			isTreatment[i] = true;
		}
		Rng rng = Rng.of(seed, block, Streams.ALLOCATION);
		for (int i = blockSize - 1; i > 0; i--) { // Fisher–Yates
			int j = rng.nextInt(i + 1);
			boolean swap = isTreatment[i];
			isTreatment[i] = isTreatment[j];
			isTreatment[j] = swap;
		}
		return isTreatment[index % blockSize] ? Arm.RTM : Arm.CONTROL;
	}

	private static int gcd(int a, int b) {
		return b == 0 ? a : gcd(b, a % b);
	}
}
