package org.trialfhir.ingest.pull.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Hospital EHR sources pulled by {@code $pull} and on their schedule (docs/api.md §7).
 *
 * @param sources one entry per hospital FHIR server
 * @param runsKept how many of its latest runs each source keeps in the pull-run table (older ones are deleted as a
 *     new run is recorded: a source pulled every few minutes would otherwise grow it without end)
 */
@Validated
@ConfigurationProperties("trialfhir.ehr")
public record EhrProperties(@Valid List<EhrSource> sources, @Positive Integer runsKept) {

	public EhrProperties {
		sources = sources == null ? List.of() : List.copyOf(sources);
		runsKept = runsKept == null ? 1000 : runsKept;
	}
}
