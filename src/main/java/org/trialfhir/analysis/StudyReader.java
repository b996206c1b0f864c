package org.trialfhir.analysis;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.hapisql.AdverseEventIndex;
import org.trialfhir.hapisql.Deaths;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.security.BlindedStudies;

/**
 * The study (through HAPI's DAO, as the system) and, from HAPI's index, its randomized subjects ({@link Enrolments}),
 * their deaths ({@link Deaths}) and the bleeding events ({@link AdverseEventIndex}). Public for the other reports of a
 * study (the DSMB report) that count the same subjects.
 */
@Component
public class StudyReader {

	private final DaoRegistry daos;
	private final Enrolments enrolments;
	private final Deaths deaths;
	private final AdverseEventIndex adverseEvents;

	StudyReader(DaoRegistry daos, Enrolments enrolments, Deaths deaths, AdverseEventIndex adverseEvents) {
		this.daos = daos;
		this.enrolments = enrolments;
		this.deaths = deaths;
		this.adverseEvents = adverseEvents;
	}

	/** The study, or HAPI's 404 / 410. */
	public ResearchStudy study(String id) {
		return daos.getResourceDao(ResearchStudy.class).read(new IdType("ResearchStudy", id), new SystemRequestDetails());
	}

	/**
	 * The randomized subjects: ResearchSubjects of the study with an assigned arm named in ResearchStudy.arm and a
	 * period.start (T0). Others are left out with a note.
	 */
	public StudyData read(ResearchStudy study) {
		String studyId = study.getIdElement().getIdPart();
		List<String> arms = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
		List<Subject> subjects = new ArrayList<>();
		Map<String, Integer> excluded = new LinkedHashMap<>();
		int undatedDeaths = 0;
		Map<String, Deaths.Death> deathsOfPatients = deaths.ofStudy(studyId);
		for (Enrolment enrolment : enrolments.ofStudy(studyId)) {
			if (enrolment.isScreening() && enrolment.t0() == null) {
				continue; // screened, never randomized: not a subject (counted in the CONSORT flow only)
			}
			int arm = arms.indexOf(enrolment.assignedArm());
			if (arm < 0) {
				excluded.merge("no assigned arm of the study", 1, Integer::sum);
			} else if (enrolment.t0() == null) {
				excluded.merge("no period.start (T0)", 1, Integer::sum);
			} else if (enrolment.patientId() == null) {
				excluded.merge("no individual (Patient)", 1, Integer::sum);
			} else {
				Deaths.Death death = deathsOfPatients.get(enrolment.patientId());
				Instant died = death == null ? null : death.date();
				undatedDeaths += death != null && died == null ? 1 : 0;
				subjects.add(new Subject(enrolment.researchSubjectId(), enrolment.patientId(), arm, enrolment.t0(),
						died, enrolment.periodEnd()));
			}
		}
		List<String> notes = new ArrayList<>();
		excluded.forEach((why, count) -> notes.add(count + " ResearchSubject(s) left out: " + why));
		if (undatedDeaths > 0) {
			notes.add(undatedDeaths + " subject(s) deceased without a date (deceasedBoolean): not counted as deaths; "
					+ "record Patient.deceasedDateTime");
		}
		subjects.sort(Comparator.comparing(Subject::t0).thenComparing(Subject::id));
		return new StudyData(studyId, study.getTitle(), arms, subjects, BlindedStudies.isBlinded(study), notes);
	}

	/** AdverseEvents coded with CodeSystem bleeding-category in category or event (any study; filtered later). */
	public List<BleedingEvent> bleeding() {
		Map<String, List<AdverseEventIndex.CodedEvent>> byEvent = new LinkedHashMap<>();
		adverseEvents.codedIn(BleedingEvent.SYSTEM)
				.forEach(row -> byEvent.computeIfAbsent(row.eventId(), id -> new ArrayList<>()).add(row));
		List<BleedingEvent> events = new ArrayList<>();
		byEvent.forEach((id, rows) -> {
			TreeSet<String> categories = new TreeSet<>();
			rows.stream().map(AdverseEventIndex.CodedEvent::code)
					.filter(c -> BleedingEvent.CATEGORIES.contains(c) && !c.equals("any")).forEach(categories::add);
			events.add(new BleedingEvent(id, rows.get(0).subjectId(), rows.get(0).date(), categories));
		});
		return events;
	}
}
