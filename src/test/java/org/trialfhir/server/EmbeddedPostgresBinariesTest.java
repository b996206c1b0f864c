package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.InputStream;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded default starts on a developer's laptop: the runtime classpath holds zonky's PostgreSQL binaries for
 * Linux and macOS on Intel and ARM. zonky looks for {@code postgres-<system>-<architecture>.txz} (architecture
 * normalised: amd64 → x86_64, aarch64 → arm_64) and, on ARM, falls back to the x86_64 binaries under emulation, so
 * the file itself is asserted, not only that the resolver finds something.
 */
class EmbeddedPostgresBinariesTest {

	@ParameterizedTest
	@CsvSource({"Linux, x86_64", "Linux, arm_64", "Darwin, x86_64", "Darwin, arm_64"})
	void nativeBinariesForEachPlatform(String system, String architecture) throws Exception {
		String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + architecture + ".txz";
		assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
		try (InputStream binaries = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
			assertThat(binaries.read()).as("the resolver opens the binaries").isNotNegative();
		}
	}
}
