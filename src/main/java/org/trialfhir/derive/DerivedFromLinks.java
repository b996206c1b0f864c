package org.trialfhir.derive;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import jakarta.annotation.PostConstruct;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Lets an input Observation be deleted although derived scores name it in {@code derivedFrom}. The server enforces
 * referential integrity on delete, so without this a hospital could not retract a wrong lab once it had been scored
 * (409). The deletion queues a re-derivation in its own transaction ({@link InputChangeInterceptor}), which drops
 * the reference seconds later.
 */
@Component
class DerivedFromLinks {

	static final String PATH = "Observation.derivedFrom";

	private final JpaStorageSettings settings;

	DerivedFromLinks(JpaStorageSettings settings) {
		this.settings = settings;
	}

	@PostConstruct
	void allowDeletingScoredInputs() {
		Set<String> paths = new HashSet<>(settings.getEnforceReferentialIntegrityOnDeleteDisableForPaths());
		paths.add(PATH);
		settings.setEnforceReferentialIntegrityOnDeleteDisableForPaths(paths);
	}
}
