package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocationTest {

	private static int treated(Allocation allocation, int subjects) {
		int count = 0;
		for (int i = 0; i < subjects; i++) {
			count += allocation.armOf(i) == Arm.RTM ? 1 : 0;
		}
		return count;
	}

	@Test
	void pilotRatioGives18Of42() {
		// 18:24 reduces to blocks of 3 rTM + 4 control; 42 subjects = 6 whole blocks = 18 rTM, 24 control
		assertThat(treated(new Allocation(5, 18, 24), 42)).isEqualTo(18);
	}

	@Test
	void everyWholeBlockHoldsTheRatio() {
		Allocation allocation = new Allocation(9, 1, 1);
		for (int block = 0; block < 50; block++) {
			int inBlock = (allocation.armOf(2 * block) == Arm.RTM ? 1 : 0)
					+ (allocation.armOf(2 * block + 1) == Arm.RTM ? 1 : 0);
			assertThat(inBlock).as("block %d", block).isEqualTo(1);
		}
	}

	@Test
	void orderWithinBlocksVaries() {
		// with 100 blocks of 2, a fixed order (always rTM first) would have probability 2^-99
		Allocation allocation = new Allocation(3, 1, 1);
		long rtmFirst = java.util.stream.IntStream.range(0, 100).filter(b -> allocation.armOf(2 * b) == Arm.RTM).count();
		assertThat(rtmFirst).isBetween(20L, 80L);
	}

	@Test
	void zeroShareAllocatesNobodyToThatArm() {
		assertThat(treated(new Allocation(1, 0, 1), 10)).isZero();
		assertThat(treated(new Allocation(1, 1, 0), 10)).isEqualTo(10);
	}
}
