package org.trialfhir.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo trial: simulated from a fixed seed at startup and loaded through {@code $import}.
 *
 * @param load load it at startup (a second start finds the same import completed and imports nothing)
 * @param subjects subjects of the simulated trial (the pilot's 42)
 * @param days study days of clinical data per subject (the pilot's 10)
 * @param seed the simulator's seed: the same settings give the same trial
 * @param ratio rTM:control allocation (the pilot's 18:24)
 */
@ConfigurationProperties("trialfhir.demo")
public record DemoDataProperties(boolean load, int subjects, int days, Long seed, String ratio) {

	public DemoDataProperties {
		// the published pilot's size unless set
		subjects = subjects <= 0 ? 42 : subjects;
		days = days <= 0 ? 10 : days;
		seed = seed == null ? 1L : seed;
		ratio = ratio == null || ratio.isBlank() ? "18:24" : ratio;
	}

	/** The simulator's arguments for this trial (all but its output). */
	String[] simulatorArguments() {
		return new String[] {"--subjects", String.valueOf(subjects), "--days", String.valueOf(days), "--seed",
			String.valueOf(seed), "--ratio", ratio};
	}
}
