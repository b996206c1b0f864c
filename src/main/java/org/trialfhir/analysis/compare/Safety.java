package org.trialfhir.analysis.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.data.WorstOfDay;
import org.trialfhir.stats.Fisher;
import org.trialfhir.stats.PValueResult;
import org.trialfhir.stats.TwoByTwo;

/**
 * Bleeding safety for one category: per arm the subjects with at least one bleeding AdverseEvent of that category
 * dated within the mortality window {@code [T0, T0 + 24·D h)}, out of all subjects of the arm; Fisher's exact test.
 */
public record Safety(String category, int day, List<Arm> arms, PValueResult fisher, List<String> notes) {

	public record Arm(String name, int n, int events) {
	}

	/** One result per category of {@link BleedingEvent#CATEGORIES}. */
	public static List<Safety> of(StudyData study, List<BleedingEvent> events, int mortalityDay) {
		Map<String, Subject> byPatient = new HashMap<>();
		study.subjects().forEach(s -> byPatient.putIfAbsent(s.patientId(), s));
		List<String> notes = new ArrayList<>();
		List<BleedingEvent> inWindow = new ArrayList<>();
		int undated = 0;
		int outside = 0;
		for (BleedingEvent event : events) {
			Subject subject = byPatient.get(event.patientId());
			if (subject == null) {
				continue; // another study's patient
			}
			if (event.date() == null) {
				undated++;
			} else if (inWindow(subject, event.date(), mortalityDay)) {
				inWindow.add(event);
			} else {
				outside++;
			}
		}
		if (undated > 0) {
			notes.add(undated + " bleeding event(s) without a date left out");
		}
		if (outside > 0) {
			notes.add(outside + " bleeding event(s) before T0 or after day " + mortalityDay + " left out");
		}
		List<Safety> results = new ArrayList<>();
		for (String category : BleedingEvent.CATEGORIES) {
			Set<String> hit = new HashSet<>();
			inWindow.stream().filter(e -> e.is(category)).forEach(e -> hit.add(byPatient.get(e.patientId()).id()));
			List<Arm> arms = new ArrayList<>();
			for (int arm = 0; arm < study.arms().size(); arm++) {
				List<Subject> subjects = study.inArm(arm);
				arms.add(new Arm(study.arms().get(arm), subjects.size(),
						(int) subjects.stream().filter(s -> hit.contains(s.id())).count()));
			}
			TwoByTwo table = new TwoByTwo(arms.get(0).events(), arms.get(0).n(), arms.get(1).events(), arms.get(1).n());
			results.add(new Safety(category, mortalityDay, arms, Fisher.twoSided(table), notes));
		}
		return results;
	}

	private static boolean inWindow(Subject subject, Instant date, int mortalityDay) {
		return !date.isBefore(subject.t0())
				&& date.isBefore(subject.t0().plusMillis(mortalityDay * WorstOfDay.DAY_MILLIS));
	}
}
