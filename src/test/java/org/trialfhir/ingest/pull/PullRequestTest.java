package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.ingest.pull.source.EhrProperties;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;

class PullRequestTest {

	final EhrSource a = source("hospital-a");
	final EhrSource b = source("hospital-b");
	final EhrSources configured = new EhrSources(new EhrProperties(List.of(a, b), null));

	@Test
	void withoutSourceParametersEveryConfiguredSourceInConfigurationOrder() {
		assertThat(PullRequest.from(null, configured).sources()).containsExactly(a, b);
		assertThat(PullRequest.from(List.of(), configured).sources()).containsExactly(a, b);
	}

	@Test
	void namedSourcesInTheOrderAsked() {
		assertThat(PullRequest.from(List.of(new StringType("hospital-b"), new StringType("hospital-a")), configured)
				.sources()).containsExactly(b, a);
	}

	@Test
	void anUnknownSourceIsInvalidInputListingTheConfiguredOnes() {
		assertThatThrownBy(() -> PullRequest.from(List.of(new StringType("hospital-a"), new StringType("hospital-z")),
				configured)).isInstanceOfSatisfying(TrialFhirException.class, e -> {
					assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.INVALID_INPUT);
					assertThat(e.getMessage())
							.isEqualTo("unknown source 'hospital-z'; configured: [hospital-a, hospital-b]");
				});
	}

	private static EhrSource source(String name) {
		return new EhrSource(name, URI.create("https://" + name + ".example/fhir"), "urn:mrn", null, null, null, null,
				null, null, null, null);
	}
}
