package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@link AdverseEventIndex#codedIn} answers what HAPI's searches by {@code category} and by {@code event} answer
 * together, read for their codes of the system: coded in category (dated), in event (undated), in both, a deleted
 * one, and one coded in another system only. Of the whole server, as {@code $analyze} reads it.
 */
@TrialFhirServerTest
class AdverseEventIndexIT {

	private static final String BLEEDING = "http://trialfhir.org/fhir/CodeSystem/bleeding-category";
	private static final Comparator<AdverseEventIndex.CodedEvent> ORDER = Comparator
			.comparing(AdverseEventIndex.CodedEvent::eventId).thenComparing(AdverseEventIndex.CodedEvent::code);

	@Autowired
	AdverseEventIndex index;

	@Autowired
	DaoRegistry daos;

	@Test
	void codedInIsHapisSearchByCategoryAndByEvent() {
		String patient = ServerSide.create(daos, TrialFixtures.patient("ae-" + UUID.randomUUID(),
				LocalDate.of(1950, 1, 1))).getIdPart();
		Instant when = Instant.parse("2026-06-03T04:05:06Z");
		String inCategory = store(event(patient, when).addCategory(concept(BLEEDING, "gastrointestinal")));
		String inEvent = store(event(patient, null).setEvent(concept(BLEEDING, "intracranial")));
		String inBoth = store(event(patient, when).addCategory(concept(BLEEDING, "other"))
				.setEvent(concept(BLEEDING, "pulmonary")));
		String deleted = store(event(patient, when).addCategory(concept(BLEEDING, "pulmonary")));
		ServerSide.delete(daos, new IdType("AdverseEvent", deleted));
		String otherSystem = store(event(patient, when).addCategory(concept("http://example.org/ae", "rash")));

		List<AdverseEventIndex.CodedEvent> read = index.codedIn(BLEEDING).stream().sorted(ORDER).toList();

		Map<String, AdverseEvent> searched = new LinkedHashMap<>();
		Stream.of("category", "event").flatMap(parameter -> HapiSearch.search(daos, AdverseEvent.class,
				SearchParameterMap.newSynchronous(parameter, new TokenParam(BLEEDING, null))).stream())
				.forEach(event -> searched.put(event.getIdElement().getIdPart(), event));
		assertThat(read).isEqualTo(searched.values().stream().flatMap(e -> codes(e).stream()).sorted(ORDER).toList());
		assertThat(read).filteredOn(row -> row.subjectId().equals(patient)).containsExactlyInAnyOrder(
				new AdverseEventIndex.CodedEvent(inCategory, patient, when, "gastrointestinal"),
				new AdverseEventIndex.CodedEvent(inEvent, patient, null, "intracranial"),
				new AdverseEventIndex.CodedEvent(inBoth, patient, when, "other"),
				new AdverseEventIndex.CodedEvent(inBoth, patient, when, "pulmonary"));
		assertThat(read).noneMatch(row -> row.eventId().equals(deleted) || row.eventId().equals(otherSystem));
	}

	/** One row per code of the system in category and event, as the index holds them. */
	private static List<AdverseEventIndex.CodedEvent> codes(AdverseEvent event) {
		List<AdverseEventIndex.CodedEvent> rows = new ArrayList<>();
		List<CodeableConcept> concepts = new ArrayList<>(event.getCategory());
		concepts.add(event.getEvent());
		for (CodeableConcept concept : concepts) {
			concept.getCoding().stream().filter(c -> BLEEDING.equals(c.getSystem()))
					.forEach(c -> rows.add(new AdverseEventIndex.CodedEvent(event.getIdElement().getIdPart(),
							event.getSubject().getReferenceElement().getIdPart(),
							event.getDate() == null ? null : event.getDate().toInstant(), c.getCode())));
		}
		return rows;
	}

	private static AdverseEvent event(String patient, Instant when) {
		AdverseEvent event = new AdverseEvent();
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
		event.setSubject(new Reference("Patient/" + patient));
		if (when != null) {
			event.setDate(Date.from(when));
		}
		return event;
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}

	private String store(AdverseEvent event) {
		return ServerSide.create(daos, event).getIdPart();
	}
}
