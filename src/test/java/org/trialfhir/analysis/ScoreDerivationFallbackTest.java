package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The do-nothing ScoreDerivation exists only while no real one is wired (until derive lands). */
class ScoreDerivationFallbackTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ScoreDerivationFallback.class));

	@Test
	void withoutARealDerivationTheFallbackIsUsed() {
		runner.run(context -> assertThat(context).getBean(ScoreDerivation.class)
				.isInstanceOf(ScoreDerivationFallback.NothingDerivedUntilDeriveLands.class));
	}

	@Test
	void aRealDerivationReplacesIt() {
		ScoreDerivation real = (study, days) -> { };
		runner.withBean(ScoreDerivation.class, () -> real)
				.run(context -> assertThat(context).getBean(ScoreDerivation.class).isSameAs(real));
	}

	@Test
	void itIsRegisteredAsAnAutoConfiguration() throws IOException {
		try (InputStream in = getClass().getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(in).isNotNull();
			assertThat(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")))
					.contains(ScoreDerivationFallback.class.getName());
		}
	}
}
