package org.trialfhir.analysis;

import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * UNTIL DERIVE LANDS: a {@link ScoreDerivation} that derives nothing, so {@code $analyze} reads whatever derived
 * Observations exist. It is registered only when no other {@code ScoreDerivation} bean exists
 * ({@code @ConditionalOnMissingBean}); declared as an auto-configuration (listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}) so that the condition is
 * evaluated after every application bean is known, as Spring Boot recommends. Delete it once the real implementation
 * is wired.
 */
@AutoConfiguration
public class ScoreDerivationFallback {

	@Bean
	@ConditionalOnMissingBean(ScoreDerivation.class)
	ScoreDerivation scoreDerivationUntilDeriveLands() {
		return new NothingDerivedUntilDeriveLands();
	}

	/** Derives nothing; logs once that the scores are read as they are. */
	static final class NothingDerivedUntilDeriveLands implements ScoreDerivation {

		private static final Logger log = LoggerFactory.getLogger(NothingDerivedUntilDeriveLands.class);
		private volatile boolean warned;

		@Override
		public void ensureDerived(String studyId, Collection<Integer> days) {
			if (!warned) {
				warned = true;
				log.warn("$analyze: no ScoreDerivation is wired yet (until derive lands): derived scores are read "
						+ "as stored, missing or stale days are not derived first");
			}
		}
	}
}
