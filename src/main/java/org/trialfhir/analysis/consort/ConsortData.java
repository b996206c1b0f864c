package org.trialfhir.analysis.consort;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the CONSORT flow of one study is counted from, as plain values ({@link ConsortReader} reads them).
 *
 * @param arms            the arm names, in ResearchStudy.arm order
 * @param studyDrugArms   indexes of the arms allocated to the study drug (arm.type {@code experimental}, else the
 *                        first arm); in the other arms the allocated intervention is care without the study drug
 * @param studyDrugNamed  whether the study names its drug (extension {@code study-drug}); without it the "received
 *                        the allocated intervention" counts are unknown
 * @param records         every ResearchSubject of the study
 * @param studyDrugGiven  per patient id, the start of each administration of the study drug (not entered in error,
 *                        not "not done")
 * @param deaths          per patient id, the recorded death time
 * @param mortalityDay    the primary endpoint: death by day D after T0
 * @param asOf            the time the flow is counted at: a subject randomized less than D days before has no
 *                        primary outcome yet
 */
public record ConsortData(List<String> arms, Set<Integer> studyDrugArms, boolean studyDrugNamed,
		List<ConsortRecord> records, Map<String, List<Instant>> studyDrugGiven, Map<String, Instant> deaths,
		int mortalityDay, Instant asOf) {

	public ConsortData {
		arms = List.copyOf(arms);
		studyDrugArms = Set.copyOf(studyDrugArms);
		records = List.copyOf(records);
		studyDrugGiven = Map.copyOf(studyDrugGiven);
		deaths = Map.copyOf(deaths);
	}
}
