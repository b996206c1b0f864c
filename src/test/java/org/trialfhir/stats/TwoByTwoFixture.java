package org.trialfhir.stats;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The 2×2 tables of twobytwo.csv, named "a/n1 vs c/n2". */
final class TwoByTwoFixture {

	private TwoByTwoFixture() {
	}

	static Stream<Named<RFixture.Row>> rows() {
		return RFixture.read("twobytwo.csv").stream().map(r -> Named.of(
				r.text("a") + "/" + r.text("n1") + " vs " + r.text("c") + "/" + r.text("n2"), r));
	}

	static TwoByTwo table(RFixture.Row r) {
		return new TwoByTwo(r.integer("a"), r.integer("n1"), r.integer("c"), r.integer("n2"));
	}
}
