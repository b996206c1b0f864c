package org.trialfhir.randomization;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Permuted-block randomization with randomly varying block sizes.
 *
 * <p>Source: Rosenberger WF, Lachin JM. Randomization in Clinical Trials, 2nd ed. (Wiley 2016), ch. 3 (the random
 * allocation rule within blocks, "permuted blocks"); ICH E9 §2.3 (block lengths should vary and stay concealed from
 * investigators). A block of size m·W, where W is the sum of the ratio's weights and the multiple m is drawn uniformly
 * from the configured multiples, holds exactly m·wᵢ slots of arm i in a uniformly random order (Fisher–Yates, as
 * {@link Collections#shuffle(List, Random)} does). So at every block boundary the arms are exactly in ratio, and
 * within a block the imbalance is bounded by the block.
 */
final class PermutedBlocks {

	private static final SecureRandom SECURE = new SecureRandom(); // thread-safe; seeded by the operating system

	private final AllocationRatio ratio;
	private final List<Integer> multiples;
	private final Random random;

	PermutedBlocks(AllocationRatio ratio, List<Integer> multiples, Random random) {
		if (multiples.isEmpty() || multiples.stream().anyMatch(m -> m < 1)) {
			throw new IllegalArgumentException("block multiples must be positive integers: " + multiples);
		}
		this.ratio = ratio;
		this.multiples = List.copyOf(multiples);
		this.random = random;
	}

	/** The production generator: a cryptographically secure source, so no list can be predicted from earlier ones. */
	static PermutedBlocks secure(AllocationRatio ratio, List<Integer> multiples) {
		return new PermutedBlocks(ratio, multiples, SECURE);
	}

	/** The arms of the next block, in allocation order. */
	List<String> nextBlock() {
		int multiple = multiples.get(random.nextInt(multiples.size()));
		List<String> block = new ArrayList<>(multiple * ratio.total());
		for (int arm = 0; arm < ratio.arms().size(); arm++) {
			block.addAll(Collections.nCopies(multiple * ratio.weights().get(arm), ratio.arms().get(arm)));
		}
		Collections.shuffle(block, random);
		return block;
	}

	/** The possible block sizes, smallest first. */
	List<Integer> blockSizes() {
		return multiples.stream().distinct().sorted().map(m -> m * ratio.total()).toList();
	}
}
