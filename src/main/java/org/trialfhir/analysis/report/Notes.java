package org.trialfhir.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.trialfhir.analysis.compare.Change;
import org.trialfhir.analysis.compare.Comparison;
import org.trialfhir.analysis.compare.DicResolution;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.analysis.compare.Safety;

/** The notes of each output part: what the statistics said, prefixed with which statistic said it. */
final class Notes {

	private Notes() {
	}

	static List<String> mortality(Mortality m) {
		Set<String> notes = new LinkedHashSet<>(m.notes());
		prefixed(notes, "risk difference", m.riskDifference().notes());
		prefixed(notes, "risk ratio", m.riskRatio().notes());
		prefixed(notes, "Fisher", m.fisher().notes());
		prefixed(notes, "log-rank", m.logRank().notes());
		return new ArrayList<>(notes);
	}

	static List<String> comparison(Comparison c) {
		return c.test().notes();
	}

	static List<String> change(Change c) {
		Set<String> notes = new LinkedHashSet<>();
		prefixed(notes, "signed-rank", c.paired().notes());
		prefixed(notes, "unpaired rank-sum", c.unpaired().notes());
		return new ArrayList<>(notes);
	}

	static List<String> dicResolution(DicResolution d) {
		Set<String> notes = new LinkedHashSet<>(d.notes());
		prefixed(notes, "risk difference", d.riskDifference().notes());
		prefixed(notes, "Fisher", d.fisher().notes());
		return new ArrayList<>(notes);
	}

	static List<String> safety(Safety s) {
		Set<String> notes = new LinkedHashSet<>(s.notes());
		prefixed(notes, "Fisher", s.fisher().notes());
		return new ArrayList<>(notes);
	}

	private static void prefixed(Set<String> into, String statistic, List<String> notes) {
		notes.forEach(note -> into.add(statistic + ": " + note));
	}
}
