package org.trialfhir.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.junit.jupiter.api.Test;
import org.trialfhir.analysis.compare.Analysis;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.AnalyzeRequest;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.report.CsvReport;
import org.trialfhir.analysis.report.ParametersReport;

/**
 * R parity of {@code change}: when every rTM subject's SOFA is the same on day 1 and day 10, R's
 * {@code wilcox.test(b, f, paired = TRUE)} reports V = 0 and p = NA; so does $analyze (v 0, no p, a note).
 */
class ChangeVZeroTest {

	@Test
	void everyDifferenceZeroReportsVZeroAndNoP() {
		Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
		List<Subject> subjects = List.of(new Subject("a", "pa", 0, t0, null, null),
				new Subject("b", "pb", 0, t0, null, null), new Subject("c", "pc", 0, t0, null, null),
				new Subject("d", "pd", 1, t0, null, null), new Subject("e", "pe", 1, t0, null, null));
		AnalysisVariable sofa = AnalysisVariable.defaults().stream().filter(v -> v.code().equals("sofa")).findFirst()
				.orElseThrow();
		DayTable values = new DayTable();
		double[][] days = {{7, 7}, {9, 9}, {4, 4}, {8, 5}, {6, 3}}; // day 1, day 10
		for (int i = 0; i < subjects.size(); i++) {
			values.put(subjects.get(i).id(), 1, days[i][0]);
			values.put(subjects.get(i).id(), 10, days[i][1]);
		}
		StudyData study = new StudyData("s", "V = 0", List.of("rTM", "control"), subjects, false, List.of());
		AnalysisResult result = Analysis.run(study, AnalyzeRequest.defaults(), Map.of(sofa, values), new DayTable(),
				List.of(), true);

		ParametersParameterComponent rtm = ParametersReport.render(result).getParameter().stream()
				.filter(p -> p.getName().equals("change"))
				.filter(p -> value(p, "variable").equals("sofa") && value(p, "arm").equals("rTM")).findFirst()
				.orElseThrow();
		assertThat(value(rtm, "pairs")).isEqualTo("3");
		assertThat(Double.parseDouble(value(rtm, "v"))).isEqualTo(0.0);
		assertThat(rtm.getPart()).noneMatch(p -> p.getName().equals("signedrank-p"));
		assertThat(rtm.getPart()).filteredOn(p -> p.getName().equals("note"))
				.anyMatch(n -> n.getValue().primitiveValue().contains("all differences are zero"));
		assertThat(CsvReport.render(result)).contains("\r\nchange," + sofa.token() + ",10,rTM,v,0\r\n");
	}

	private static String value(ParametersParameterComponent part, String name) {
		ParametersParameterComponent found = part.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no " + name));
		return found.getValue() instanceof org.hl7.fhir.r4.model.Coding coding ? coding.getCode()
				: found.getValue().primitiveValue();
	}

}
