package org.trialfhir.ingest.pull.source;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Hospital EHR sources pulled by {@code $pull} and on their schedule (docs/api.md §7).
 *
 * @param sources one entry per hospital FHIR server
 */
@Validated
@ConfigurationProperties("trialfhir.ehr")
public record EhrProperties(@Valid List<EhrSource> sources) {

	public EhrProperties {
		sources = sources == null ? List.of() : List.copyOf(sources);
	}
}
