package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;

class PullResponseTest {

	@Test
	void oneSourceParameterPerSourceWithItsCountsThenItsNotes() {
		Parameters out = PullResponse.render(List.of(
				new SourceReport("hospital-a", 18, 16, 0, 0, 1, 1, List.of("first note", "second note")),
				new SourceReport("hospital-b", 0, 0, 0, 0, 0, 0, List.of())));

		assertThat(out.getParameter()).extracting(ParametersParameterComponent::getName)
				.containsExactly("source", "source");
		assertThat(parts(out.getParameter().get(0))).containsExactly("name=hospital-a", "fetched=18", "created=16",
				"updated=0", "unchanged=0", "rejected=1", "errors=1", "note=first note", "note=second note");
		assertThat(parts(out.getParameter().get(1))).containsExactly("name=hospital-b", "fetched=0", "created=0",
				"updated=0", "unchanged=0", "rejected=0", "errors=0");
	}

	private static List<String> parts(ParametersParameterComponent source) {
		return source.getPart().stream().map(p -> p.getName() + "=" + p.getValue().primitiveValue()).toList();
	}
}
