package org.trialfhir.analysis.consort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** The CONSORT boxes of a small study counted by hand (comments give each subject's path). */
class ConsortFlowTest {

	static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

	static Instant at(String date) {
		return Instant.parse(date + "T00:00:00Z");
	}

	static ConsortRecord screened(String id, String status, String... failed) {
		return new ConsortRecord("s" + id, "p" + id, status, null, null, null, List.of(failed));
	}

	static ConsortRecord subject(String id, String status, String arm, String t0, String end) {
		return new ConsortRecord("s" + id, "p" + id, status, arm, at(t0), end == null ? null : at(end), List.of());
	}

	static ConsortData data(boolean drugNamed) {
		return new ConsortData(List.of("rTM", "control"), Set.of(0), drugNamed, List.of(
				screened("1", "ineligible", "jaam-dic", "consent"), // excluded: jaam-dic and consent
				screened("2", "ineligible", "consent"), // excluded: consent
				screened("3", "screening"), // excluded: other (no failed criterion)
				// rTM: drug 1 h after T0; followed past day 28 (29 Jan ≤ 1 Jun): analysed
				subject("4", "on-study", "rTM", "2026-01-01", null),
				// rTM: no drug (did not receive); died on day 9: analysed
				subject("5", "on-study", "rTM", "2026-01-02", null),
				// rTM: drug, withdrawn on day 3: discontinued, outcome unknown
				subject("6", "withdrawn", "rTM", "2026-01-03", "2026-01-05"),
				// control: no drug (received the allocated standard care); off study on day 7, alive: lost
				subject("7", "off-study", "control", "2026-01-04", "2026-01-10"),
				// control: given the study drug at T0 (did not receive the allocated care); day 28 not reached yet
				subject("8", "on-study", "control", "2026-05-20", null),
				// control: the drug only before T0 (does not count); died after day 28: analysed, alive at day 28
				subject("9", "on-study", "control", "2026-01-05", null),
				// an arm the study does not have: not randomized, excluded as other
				subject("10", "on-study", "no-such-arm", "2026-01-06", null)),
				Map.of("p4", List.of(at("2026-01-01").plusSeconds(3600)), "p6", List.of(at("2026-01-03")),
						"p8", List.of(at("2026-05-20")), "p9", List.of(at("2026-01-04"))),
				Map.of("p5", at("2026-01-10"), "p9", at("2026-03-01")), 28, AS_OF);
	}

	@Test
	void theBoxesCountedByHand() {
		ConsortFlow flow = ConsortFlow.of(data(true));

		assertThat(flow.assessed()).isEqualTo(10);
		assertThat(flow.excluded()).isEqualTo(4);
		assertThat(flow.excludedBy()).containsExactly(Map.entry("jaam-dic", 1), Map.entry("consent", 2));
		assertThat(flow.excludedOther()).isEqualTo(2);
		assertThat(flow.randomized()).isEqualTo(6);
		assertThat(flow.arms()).extracting(ConsortFlow.ArmFlow::name, ConsortFlow.ArmFlow::allocated,
				ConsortFlow.ArmFlow::received, ConsortFlow.ArmFlow::notReceived, ConsortFlow.ArmFlow::discontinued,
				ConsortFlow.ArmFlow::lost, ConsortFlow.ArmFlow::analysed, ConsortFlow.ArmFlow::notAnalysed)
				.containsExactly(tuple("rTM", 3, 2, 1, 1, 0, 2, 1), tuple("control", 3, 2, 1, 0, 1, 1, 2));
		assertThat(flow.notes()).contains("excluded: a patient failing several criteria is counted under each");
	}

	@Test
	void asParametersOnePartPerBoxByArm() {
		ParametersParameterComponent consort = ConsortFlow.of(data(true)).toParameter(true);

		assertThat(consort.getName()).isEqualTo("consort");
		assertThat(consort.getPart()).extracting(ParametersParameterComponent::getName).startsWith(
				"assessed-for-eligibility", "excluded", "randomized", "allocated", "discontinued", "lost-to-follow-up",
				"analysed", "allocated");
		assertThat(integer(consort, "assessed-for-eligibility")).isEqualTo(10);
		ParametersParameterComponent excluded = part(consort, "excluded");
		assertThat(integer(excluded, "n")).isEqualTo(4);
		assertThat(excluded.getPart()).filteredOn(p -> p.getName().equals("reason"))
				.extracting(r -> part(r, "criterion").getValue().primitiveValue(), r -> integer(r, "n"))
				.containsExactly(tuple("jaam-dic", 1), tuple("consent", 2), tuple("other", 2));
		ParametersParameterComponent controlAllocated = consort.getPart().stream()
				.filter(p -> p.getName().equals("allocated") && "control".equals(part(p, "arm").getValue().primitiveValue()))
				.findFirst().orElseThrow();
		assertThat(integer(controlAllocated, "n")).isEqualTo(3);
		assertThat(integer(controlAllocated, "received-allocated-intervention")).isEqualTo(2);
		assertThat(integer(controlAllocated, "did-not-receive-allocated-intervention")).isEqualTo(1);
	}

	@Test
	void aBlindedReaderGetsPooledBoxesWithoutArms() {
		ConsortFlow flow = ConsortFlow.of(data(true));
		ParametersParameterComponent consort = flow.toParameter(false);

		assertThat(consort.getPart()).filteredOn(p -> p.getName().equals("allocated")).hasSize(1);
		assertThat(consort.getPart()).flatExtracting(ParametersParameterComponent::getPart)
				.noneMatch(p -> p.getName().equals("arm"));
		ParametersParameterComponent allocated = part(consort, "allocated");
		assertThat(integer(allocated, "n")).isEqualTo(6);
		assertThat(integer(allocated, "received-allocated-intervention")).isEqualTo(4);
		assertThat(integer(part(consort, "discontinued"), "n")).isEqualTo(1);
		assertThat(integer(part(consort, "lost-to-follow-up"), "n")).isEqualTo(1);
		assertThat(integer(part(consort, "analysed"), "n")).isEqualTo(3);
		assertThat(flow.rows(false)).allMatch(r -> r.arm().isEmpty());
		assertThat(flow.toSvg(false)).doesNotContain("rTM").doesNotContain("control");
	}

	@Test
	void withoutAStudyDrugTheReceivedCountsAreUnknown() {
		ConsortFlow flow = ConsortFlow.of(data(false));

		assertThat(flow.arms()).allSatisfy(a -> assertThat(a.received()).isNull());
		assertThat(flow.notes()).anyMatch(n -> n.contains("names no study drug"));
		assertThat(part(flow.toParameter(true), "allocated").getPart()).extracting(ParametersParameterComponent::getName)
				.containsExactly("arm", "n");
	}

	@Test
	void theDiagramIsWellFormedSvgWithEveryBox() throws Exception {
		String svg = ConsortFlow.of(data(true)).toSvg(true);

		DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
				.contains("Assessed for eligibility (n = 10)", "Excluded (n = 4)", "• failed consent (n = 2)",
						"Randomized (n = 6)", "Allocated to rTM (n = 3)", "Allocated to control (n = 3)",
						"Lost to follow-up (n = 1)", "Analysed, day-28 mortality (n = 2)");
	}

	private static ParametersParameterComponent part(ParametersParameterComponent parent, String name) {
		return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
	}

	private static int integer(ParametersParameterComponent parent, String name) {
		return Integer.parseInt(part(parent, name).getValue().primitiveValue());
	}
}
