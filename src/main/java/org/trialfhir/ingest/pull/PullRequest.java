package org.trialfhir.ingest.pull;

import java.util.List;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;

/**
 * The validated parameters of {@code $pull}: the sources named by {@code source} parameters, or all configured ones.
 * An unknown name is refused with {@link TrialFhirException#invalid} (400).
 */
record PullRequest(List<EhrSource> sources) {

	static PullRequest from(List<StringType> names, EhrSources configured) {
		if (names == null || names.isEmpty()) {
			return new PullRequest(configured.all());
		}
		return new PullRequest(names.stream()
				.map(StringType::getValue)
				.map(name -> configured.named(name).orElseThrow(() -> TrialFhirException.invalid("source",
						"unknown source '" + name + "'; configured: "
								+ configured.all().stream().map(EhrSource::name).toList())))
				.toList());
	}
}
