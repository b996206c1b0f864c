package org.trialfhir.simulator;

/** Keys of the independent random streams, so adding draws to one stream never shifts another. */
final class Streams {
	static final long ALLOCATION = 1;
	static final long PROFILE = 2;
	static final long COURSE = 3;
	static final long MEASUREMENT = 4;
	static final long EVENTS = 5;

	private Streams() {
	}
}
