package org.trialfhir.randomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The list generator against the definition of permuted blocks (Rosenberger & Lachin 2016, ch. 3): every block holds the
 * arms exactly in ratio, its size is a drawn multiple of the ratio's sum, its order is a uniform permutation.
 */
class PermutedBlocksTest {

	private static final AllocationRatio ONE_TO_ONE = AllocationRatio.equal("rTM", "control");
	private static final AllocationRatio TWO_TO_ONE = new AllocationRatio(List.of("rTM", "control"), List.of(2, 1));

	@Test
	void oneToOneBlocksAreTwoOrFourWithHalfOfEachArm() {
		PermutedBlocks blocks = new PermutedBlocks(ONE_TO_ONE, List.of(1, 2), new Random(1));
		for (int i = 0; i < 1_000; i++) {
			List<String> block = blocks.nextBlock();
			assertThat(block.size()).isIn(2, 4); // multiples 1 and 2 of 1 + 1
			assertThat(count(block, "rTM")).isEqualTo(block.size() / 2);
			assertThat(count(block, "control")).isEqualTo(block.size() / 2);
		}
		assertThat(blocks.blockSizes()).containsExactly(2, 4);
	}

	@Test
	void twoToOneBlocksAreThreeOrSixWithTwoThirdsRtm() {
		PermutedBlocks blocks = new PermutedBlocks(TWO_TO_ONE, List.of(1, 2), new Random(2));
		for (int i = 0; i < 1_000; i++) {
			List<String> block = blocks.nextBlock();
			assertThat(block.size()).isIn(3, 6); // multiples 1 and 2 of 2 + 1
			assertThat(count(block, "rTM")).isEqualTo(2 * block.size() / 3);
			assertThat(count(block, "control")).isEqualTo(block.size() / 3);
		}
	}

	@Test
	void blockSizesVaryAboutEquallyOften() {
		PermutedBlocks blocks = new PermutedBlocks(ONE_TO_ONE, List.of(1, 2), new Random(3));
		int small = 0;
		for (int i = 0; i < 1_000; i++) {
			small += blocks.nextBlock().size() == 2 ? 1 : 0;
		}
		// Binomial(1000, 1/2): sd 15.8, so 400..600 is more than 6 sd either side
		assertThat(small).isBetween(400, 600);
	}

	@Test
	void everyOrderOfABlockOfFourIsAboutEquallyLikely() {
		PermutedBlocks blocks = new PermutedBlocks(ONE_TO_ONE, List.of(2), new Random(4));
		Map<List<String>, Integer> orders = new HashMap<>();
		for (int i = 0; i < 6_000; i++) {
			orders.merge(blocks.nextBlock(), 1, Integer::sum);
		}
		// C(4, 2) = 6 distinct orders, each with probability 1/6: 1000 expected, sd sqrt(6000 * 1/6 * 5/6) = 28.9
		assertThat(orders).hasSize(6);
		assertThat(orders.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
	}

	/**
	 * Many enrolments spread at random over three strata, each with its own list: within every stratum, at every
	 * moment, each arm's count is within half the largest block of its ratio share, and exactly on it at every block
	 * boundary. Half the largest block is the bound because a block starts balanced and its first half can go one way.
	 */
	@Test
	void simulatedEnrolmentsStayBalancedWithinEveryStratum() {
		for (AllocationRatio ratio : List.of(ONE_TO_ONE, TWO_TO_ONE)) {
			Random enrolment = new Random(5);
			List<StratumList> strata = List.of(new StratumList(ratio, 6), new StratumList(ratio, 7),
					new StratumList(ratio, 8));
			double halfLargestBlock = 2 * ratio.total() / 2.0; // largest multiple 2
			for (int patient = 0; patient < 3_000; patient++) {
				StratumList stratum = strata.get(enrolment.nextInt(strata.size()));
				stratum.enrol();
				for (int arm = 0; arm < ratio.arms().size(); arm++) {
					double expected = stratum.n * ratio.weights().get(arm) / (double) ratio.total();
					assertThat(Math.abs(stratum.counts[arm] - expected)).isLessThanOrEqualTo(halfLargestBlock);
					if (stratum.atBlockBoundary()) {
						assertThat((double) stratum.counts[arm]).isEqualTo(expected);
					}
				}
			}
			assertThat(strata).allSatisfy(s -> assertThat(s.n).isGreaterThan(900)); // every stratum was exercised
		}
	}

	@Test
	void theSecureGeneratorKeepsTheSameInvariants() {
		PermutedBlocks blocks = PermutedBlocks.secure(TWO_TO_ONE, List.of(1, 2));
		List<Integer> sizes = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			List<String> block = blocks.nextBlock();
			sizes.add(block.size());
			assertThat(count(block, "rTM")).isEqualTo(2 * count(block, "control"));
		}
		assertThat(sizes).contains(3, 6).containsOnly(3, 6); // all one size: probability 2^-499
	}

	@Test
	void refusesImpossibleSettings() {
		assertThatThrownBy(() -> new PermutedBlocks(ONE_TO_ONE, List.of(), new Random())).isInstanceOf(
				IllegalArgumentException.class);
		assertThatThrownBy(() -> new PermutedBlocks(ONE_TO_ONE, List.of(0, 1), new Random())).isInstanceOf(
				IllegalArgumentException.class);
		assertThatThrownBy(() -> new AllocationRatio(List.of("rTM"), List.of(1))).isInstanceOf(
				IllegalArgumentException.class);
		assertThatThrownBy(() -> new AllocationRatio(List.of("rTM", "rTM"), List.of(1, 1))).isInstanceOf(
				IllegalArgumentException.class);
		assertThatThrownBy(() -> new AllocationRatio(List.of("rTM", "control"), List.of(1, 0))).isInstanceOf(
				IllegalArgumentException.class);
	}

	private static int count(List<String> block, String arm) {
		return (int) block.stream().filter(arm::equals).count();
	}

	/** One stratum's list consumed slot by slot, as $randomize does. */
	private static final class StratumList {
		final AllocationRatio ratio;
		final PermutedBlocks blocks;
		final int[] counts;
		List<String> block = List.of();
		int position;
		int n;

		StratumList(AllocationRatio ratio, long seed) {
			this.ratio = ratio;
			this.blocks = new PermutedBlocks(ratio, List.of(1, 2), new Random(seed));
			this.counts = new int[ratio.arms().size()];
		}

		void enrol() {
			if (position == block.size()) {
				block = blocks.nextBlock();
				position = 0;
			}
			counts[ratio.arms().indexOf(block.get(position++))]++;
			n++;
		}

		boolean atBlockBoundary() {
			return position == block.size();
		}
	}
}
