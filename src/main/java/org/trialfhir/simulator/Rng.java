package org.trialfhir.simulator;

/**
 * A small, fully specified pseudo-random generator, so that a seed gives the same trial on every JDK.
 *
 * <p>SplitMix64: G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014 (the constants are those of java.util.SplittableRandom). Gaussians by the Box–Muller
 * transform with StrictMath, written out here because JDK 17's {@code nextGaussian} algorithm is not part
 * of its contract.
 */
final class Rng {
	private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
	private long state;

	Rng(long seed) {
		this.state = seed;
	}

	/** An independent stream for one purpose (e.g. subject 17, stream "course"), from the run seed. */
	static Rng of(long seed, long... keys) {
		long s = mix64(seed);
		for (long k : keys) {
			s = mix64(s ^ mix64(k + GOLDEN_GAMMA));
		}
		return new Rng(s);
	}

	static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	long nextLong() {
		state += GOLDEN_GAMMA;
		return mix64(state);
	}

	/** Uniform in [0, 1) with 53 random bits. */
	double uniform() {
		return (nextLong() >>> 11) * 0x1.0p-53;
	}

	double uniform(double low, double high) {
		return low + (high - low) * uniform();
	}

	/** Uniform integer in [0, bound). */
	int nextInt(int bound) {
		return (int) StrictMath.floor(uniform() * bound);
	}

	boolean chance(double probability) {
		return uniform() < probability;
	}

	/** Standard normal (Box–Muller, one of the pair). */
	double gaussian() {
		double u1 = 1.0 - uniform(); // (0, 1], keeps log finite
		double u2 = uniform();
		return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
	}

	double normal(double mean, double sd) {
		return mean + sd * gaussian();
	}
}
