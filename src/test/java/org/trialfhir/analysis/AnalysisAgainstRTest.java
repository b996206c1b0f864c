package org.trialfhir.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trialfhir.analysis.compare.Analysis;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.AnalyzeRequest;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.DayTables;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.report.CsvReport;
import org.trialfhir.hapisql.ObservationIndex;
import org.trialfhir.units.TrialVariable;

/**
 * The whole analysis, without a server, on the trial that trial.R made: every number equals R's within 1e-6. The
 * integration test {@code AnalyzeIT} checks the same numbers through FHIR.
 */
class AnalysisAgainstRTest {

	private static final Set<String> COUNTED = Set.of("final", "amended", "corrected");

	@Test
	void everyNumberEqualsR() {
		LongRows.expected().assertMatches(LongRows.parseCsv(CsvReport.render(result(true))));
	}

	/** The analysis of the R trial, with the platelet rows filtered as the server's query filters them. */
	static AnalysisResult result(boolean armsShown) {
		RTrial trial = RTrial.load();
		StudyData study = study(trial);
		Map<AnalysisVariable, DayTable> values = new HashMap<>();
		for (AnalysisVariable variable : AnalysisVariable.defaults()) {
			values.put(variable, variable.isScore() ? scores(study, trial, variable.code()) : platelets(study, trial));
		}
		DayTable diagnosis = new DayTable();
		trial.scores.stream().filter(s -> s.score().equals("jaam-dic") && !s.diagnosis().equals("unknown"))
				.forEach(s -> diagnosis.put(s.subject(), s.day(), s.diagnosis().equals("true") ? 1 : 0));
		List<BleedingEvent> bleeding = new ArrayList<>();
		for (RTrial.BleedingRow row : trial.bleeding) {
			bleeding.add(new BleedingEvent("ae" + bleeding.size(), patient(row.subject()), row.date(),
					Set.of(row.category())));
		}

		return Analysis.run(study, AnalyzeRequest.defaults(), values, diagnosis, bleeding, armsShown);
	}

	static StudyData study(RTrial trial) {
		List<Subject> subjects = trial.subjects.stream().map(s -> new Subject(s.id(), patient(s.id()),
				s.arm().equals("rTM") ? 0 : 1, s.t0(), s.death(), s.periodEnd())).toList();
		return new StudyData("r-trial", "R trial", List.of("rTM", "control"), subjects, false, List.of());
	}

	private static DayTable scores(StudyData study, RTrial trial, String score) {
		List<ObservationIndex.Identified> rows = trial.scores.stream().filter(s -> s.score().equals(score))
				.map(s -> new ObservationIndex.Identified(s.subject() + "-" + score + "-" + s.day(), s.value())).toList();
		return DayTables.derived(study, score, rows);
	}

	/** The rows the server's query returns: counted statuses only, values present (R's rule, done here by hand). */
	private static DayTable platelets(StudyData study, RTrial trial) {
		List<ObservationIndex.Measured> rows = trial.platelets.stream()
				.filter(p -> COUNTED.contains(p.status()) && p.value() != null)
				.map(p -> new ObservationIndex.Measured(patient(p.subject()), p.time(), Double.parseDouble(p.value()),
						p.unit()))
				.toList();
		return DayTables.measured(study, TrialVariable.PLATELETS, rows, new ArrayList<>());
	}

	private static String patient(String subject) {
		return "patient-" + subject;
	}
}
