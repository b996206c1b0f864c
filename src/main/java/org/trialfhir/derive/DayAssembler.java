package org.trialfhir.derive;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.trialfhir.scoring.Analyte;
import org.trialfhir.scoring.DayInputs;
import org.trialfhir.scoring.DayWindow;
import org.trialfhir.scoring.OperativeStatus;
import org.trialfhir.scoring.PatientFacts;
import org.trialfhir.scoring.Recorded;

/**
 * One study day's {@link DayInputs} from a patient's {@link InputTimeline}. Values of every time are passed (the
 * scores read the day's own, plus the look-backs of docs/scores-spec.md §1.9: FiO₂ 4 h, platelet fall 24 h, infusion stretches);
 * rejections only when they fall in the day. eCRF items: the latest recorded before the day ends (an item without
 * effective time applies to every day); {@code ceiling-of-treatment} only when recorded in the day itself. Age: completed years on the date the day starts, in T0's offset.
 */
final class DayAssembler {

	private DayAssembler() {
	}

	static DayInputs assemble(InputTimeline timeline, SubjectContext subject, int day) {
		DayWindow window = subject.window(day);
		DayInputs.Builder in = DayInputs.builder(window).site(subject.site()).patient(facts(timeline, subject, day));
		timeline.measurements.forEach((analyte, values) -> values.forEach(m -> in.add(analyte, m)));
		timeline.gases().forEach(in::gas);
		timeline.infusions.forEach(in::vasopressor);
		timeline.urine.forEach(in::urine);
		timeline.weights.forEach(w -> in.add(Analyte.WEIGHT_KG, w));
		timeline.organSupport.forEach(in::support);
		timeline.drugs.forEach(in::drug);
		timeline.rejections.stream().filter(r -> r.span().touches(window)).forEach(r -> in.rejected(r.input()));
		return in.build();
	}

	static PatientFacts facts(InputTimeline timeline, SubjectContext subject, int day) {
		DayWindow window = subject.window(day);
		Map<String, EcrfItem> latest = new HashMap<>();
		Comparator<EcrfItem> order = Comparator.comparing((EcrfItem i) -> i.time() == null ? Instant.MIN
				: i.time()).thenComparing(EcrfItem::source);
		for (EcrfItem item : timeline.ecrf) {
			boolean dayItem = item.code().equals(EcrfItem.CEILING_OF_TREATMENT); // counts only on its own day (E2)
			if (dayItem ? item.time() != null && window.contains(item.time())
					: item.time() == null || item.time().isBefore(window.end())) {
				latest.merge(item.code(), item, (a, b) -> order.compare(a, b) >= 0 ? a : b);
			}
		}
		PatientFacts facts = PatientFacts.NONE;
		if (subject.birthDate() != null) {
			facts = facts.withAgeYears(PatientFacts.completedYears(subject.birthDate(), subject.startDate(day)));
		}
		for (EcrfItem item : latest.values()) {
			facts = with(facts, item);
		}
		return facts;
	}

	private static PatientFacts with(PatientFacts f, EcrfItem item) {
		if (item.value() instanceof OperativeStatus status) {
			return f.withOperativeStatus(Recorded.of(status, item.source()));
		}
		if (item.value() instanceof Double kg) {
			return f.withAdmissionWeightKg(Recorded.of(kg, item.source()));
		}
		Recorded<Boolean> flag = Recorded.of((Boolean) item.value(), item.source());
		return switch (item.code()) {
			case "acute-renal-failure" -> f.withAcuteRenalFailure(flag);
			case "chronic-health" -> f.withChronicHealth(flag);
			case "underlying-disease" -> f.withUnderlyingDisease(flag);
			case "bleeding" -> f.withBleeding(flag);
			case "organ-failure" -> f.withOrganFailure(flag);
			case "hematologic-malignancy" -> f.withHematologicMalignancy(flag);
			case "liver-cirrhosis" -> f.withLiverCirrhosis(flag);
			case "chronic-dialysis" -> f.withChronicDialysis(flag);
			case EcrfItem.CEILING_OF_TREATMENT -> f.withCeilingOfTreatment(flag);
			default -> f; // a trial-ecrf code no score reads
		};
	}
}
