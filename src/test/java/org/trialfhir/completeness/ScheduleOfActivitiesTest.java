package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;

/** The rTM schedule reads back as the protocol says; the default schedule; a schedule that cannot be read. */
class ScheduleOfActivitiesTest {

	private static final SortedSet<Integer> DAYS_1_TO_10 = new TreeSet<>(IntStream.rangeClosed(1, 10).boxed().toList());

	@Test
	void theRtmScheduleIsWhatTheProtocolSays() {
		Map<String, ExpectedItem> items = ScheduleOfActivities.read(ScheduleOfActivities.rtm()).stream()
				.collect(Collectors.toMap(ExpectedItem::key, Function.identity()));

		// vital signs: at least every 4 h = 6 a day, days 1-10
		for (String vital : List.of("8310-5", "8867-4", "9279-1", "8478-0")) {
			assertThat(items.get("http://loinc.org|" + vital)).as(vital)
					.returns(6, ExpectedItem::perDay).returns(DAYS_1_TO_10, ExpectedItem::days);
		}
		// score labs daily, days 1-10; PT however reported, FDP or D-dimer
		for (String lab : List.of("777-3", "3255-7", "2160-0", "1975-2", "6690-2", "2703-7", "2019-8", "2744-1",
				"3150-0")) {
			assertThat(items.get("http://loinc.org|" + lab)).as(lab).returns(1, ExpectedItem::perDay)
					.returns(DAYS_1_TO_10, ExpectedItem::days);
		}
		ExpectedItem pt = items.values().stream().filter(i -> i.codes().contains("http://loinc.org|6301-6")).findFirst()
				.orElseThrow();
		assertThat(pt.codes()).contains("http://loinc.org|5902-2", "http://loinc.org|6301-6");
		assertThat(items.get("http://loinc.org|30226-5").codes()).contains("http://loinc.org|48065-7",
				"http://loinc.org|3246-6");
		// mediators on days 1, 3, 7 and 10
		List<ExpectedItem> mediators = items.values().stream()
				.filter(i -> i.codes().get(0).startsWith("http://trialfhir.org/fhir/CodeSystem/trial-lab|")
						|| List.of("http://loinc.org|26881-3", "http://loinc.org|27818-4").contains(i.key()))
				.toList();
		assertThat(mediators).hasSize(7).allMatch(i -> i.days().equals(new TreeSet<>(List.of(1, 3, 7, 10))));
		// vital status at day 28
		assertThat(items.get("http://trialfhir.org/fhir/CodeSystem/trial-ecrf|vital-status"))
				.returns(new TreeSet<>(List.of(28)), ExpectedItem::days).returns(true, ExpectedItem::vitalStatus);
	}

	@Test
	void withoutAPlanEveryScoreInputIsExpectedDailyOnDays1To10() {
		List<ExpectedItem> items = ScheduleOfActivities.everyScoreInput();
		assertThat(items).allMatch(i -> i.days().equals(DAYS_1_TO_10) && i.perDay() == 1);
		assertThat(items).extracting(ExpectedItem::key).contains("http://loinc.org|777-3", "http://loinc.org|3255-7")
				.doesNotContain("http://loinc.org|26881-3"); // IL-6 is followed, not scored
		// one item for PT in seconds, ratio or INR
		assertThat(items.stream().filter(i -> i.codes().contains("http://loinc.org|6301-6"))).singleElement()
				.satisfies(i -> assertThat(i.codes()).contains("http://loinc.org|5902-2"));
	}

	@Test
	void anActionWithACodeButNoTimingCannotBeRead() {
		PlanDefinition broken = ScheduleOfActivities.rtm();
		broken.getAction().get(2).setTiming(null);
		assertThatThrownBy(() -> ScheduleOfActivities.read(broken)).isInstanceOf(TrialFhirException.class)
				.hasMessageContaining("PlanDefinition.action[2]").hasMessageContaining("timing");
	}

	@Test
	void aTimingWithoutWholeStudyDaysCannotBeRead() {
		PlanDefinition broken = ScheduleOfActivities.rtm();
		broken.getAction().get(1).getTimingTiming().getRepeat().getBoundsRange().getHigh().setCode("h");
		assertThatThrownBy(() -> ScheduleOfActivities.read(broken)).isInstanceOf(TrialFhirException.class)
				.hasMessageContaining("boundsRange");
	}
}
