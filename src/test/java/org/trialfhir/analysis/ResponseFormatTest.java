package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

/** _format first, then Accept by quality, then JSON (docs/api.md §5.2). */
class ResponseFormatTest {

	@Test
	void formatParameterWins() {
		assertThat(ResponseFormat.negotiate("html", "text/csv")).isEqualTo(ResponseFormat.HTML);
		assertThat(ResponseFormat.negotiate("text/csv", null)).isEqualTo(ResponseFormat.CSV);
		assertThat(ResponseFormat.negotiate("xml", null)).isEqualTo(ResponseFormat.XML);
		assertThat(ResponseFormat.negotiate("application/fhir+json", "text/html")).isEqualTo(ResponseFormat.JSON);
	}

	@Test
	void acceptIsReadByQuality() {
		// what a browser sends: HTML
		assertThat(ResponseFormat.negotiate(null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
				.isEqualTo(ResponseFormat.HTML);
		assertThat(ResponseFormat.negotiate(null, "text/html;q=0.5, text/csv")).isEqualTo(ResponseFormat.CSV);
		assertThat(ResponseFormat.negotiate(null, "application/fhir+xml")).isEqualTo(ResponseFormat.XML);
		assertThat(ResponseFormat.negotiate(null, "text/csv;q=0, */*")).isEqualTo(ResponseFormat.JSON);
		assertThat(ResponseFormat.negotiate(null, null)).isEqualTo(ResponseFormat.JSON);
	}

	@Test
	void unknownFormatIsRefused() {
		assertThatThrownBy(() -> ResponseFormat.negotiate("pdf", null)).isInstanceOf(TrialFhirException.class)
				.hasMessageContaining("json, xml, html or csv");
	}
}
