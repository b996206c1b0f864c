package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.HasParam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@link Deaths#ofStudy} answers what HAPI's search for the study's Patients answers, read for their
 * {@code deceased[x]}: a Patient alive, one {@code deceasedBoolean} false, one true, one with a date (and two subjects
 * in the study), and a deceased Patient of another study only.
 */
@TrialFhirServerTest
class DeathsIT {

	private static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");
	private static final Instant DIED = Instant.parse("2026-05-09T21:15:00Z");

	@Autowired
	Deaths deaths;

	@Autowired
	DaoRegistry daos;

	@Test
	void ofStudyIsHapisSearchOfTheStudysPatients() {
		String study = create(TrialFixtures.study("deaths " + UUID.randomUUID()));
		String otherStudy = create(TrialFixtures.study("deaths, other " + UUID.randomUUID()));
		enrol(study, patient(null));
		enrol(study, patient(new BooleanType(false)));
		String deceased = patient(new BooleanType(true));
		enrol(study, deceased);
		String dated = patient(new DateTimeType(Date.from(DIED)));
		enrol(study, dated);
		enrol(study, dated);
		enrol(otherStudy, patient(new BooleanType(true)));

		Map<String, Deaths.Death> read = deaths.ofStudy(study);

		SearchParameterMap patientsOfStudy = SearchParameterMap.newSynchronous("_has",
				new HasParam("ResearchSubject", "individual", "study", "ResearchStudy/" + study));
		Map<String, Deaths.Death> searched = HapiSearch.search(daos, Patient.class, patientsOfStudy).stream()
				.map(DeathsIT::death).flatMap(Optional::stream)
				.collect(Collectors.toMap(Deaths.Death::patientId, Function.identity()));
		assertThat(read).isEqualTo(searched);
		assertThat(read).isEqualTo(Map.of(deceased, new Deaths.Death(deceased, null), dated,
				new Deaths.Death(dated, DIED)));
	}

	private static Optional<Deaths.Death> death(Patient patient) {
		String id = patient.getIdElement().getIdPart();
		if (patient.getDeceased() instanceof DateTimeType date) {
			return Optional.of(new Deaths.Death(id, date.getValue().toInstant()));
		}
		return patient.getDeceased() instanceof BooleanType died && died.booleanValue()
				? Optional.of(new Deaths.Death(id, null)) : Optional.empty();
	}

	private String patient(Type deceased) {
		Patient patient = TrialFixtures.patient("deaths-" + UUID.randomUUID(), LocalDate.of(1940, 1, 1));
		patient.setDeceased(deceased);
		return create(patient);
	}

	private void enrol(String study, String patient) {
		create(TrialFixtures.subject("ResearchStudy/" + study, "Patient/" + patient, "rTM", T0));
	}

	private String create(IBaseResource resource) {
		return ServerSide.create(daos, resource).getIdPart();
	}
}
