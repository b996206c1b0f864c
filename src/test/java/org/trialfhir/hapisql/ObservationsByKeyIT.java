package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/** {@link ObservationsByKey} finds what HAPI's search {@code Observation?identifier=system|value} finds. */
@TrialFhirServerTest
class ObservationsByKeyIT {

	@Autowired
	ObservationsByKey byKey;

	@Autowired
	DaoRegistry daos;

	@Test
	void findsWhatHapisIdentifierSearchFinds() {
		String system = "http://hospital-" + UUID.randomUUID() + ".example/results";
		String patient = ServerSide.create(daos, TrialFixtures.patient("key-" + UUID.randomUUID(), LocalDate.of(1955, 3, 3)))
				.toUnqualifiedVersionless().getValue();
		List<String> values = List.of("plain", "a|b", "c,d", "e\\f", "g$h", "long-" + "x".repeat(250), "second-key");
		for (String value : values.subList(0, 6)) {
			Observation observation = TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", Instant.parse("2026-03-01T10:00:00Z"));
			observation.addIdentifier(new Identifier().setSystem(system).setValue(value));
			if (value.equals("plain")) { // an Observation found by either of its keys
				observation.addIdentifier(new Identifier().setSystem(system).setValue("second-key"));
			}
			ServerSide.create(daos, observation);
		}
		String deleted = "deleted";
		Observation gone = TrialFixtures.lab(patient, "777-3", 11, "10*4/uL", Instant.parse("2026-03-01T11:00:00Z"));
		gone.addIdentifier(new Identifier().setSystem(system).setValue(deleted));
		daos.getResourceDao(Observation.class).delete(ServerSide.create(daos, gone), new SystemRequestDetails());

		for (String value : concat(values, List.of(deleted, "absent", "PLAIN"))) {
			assertThat(byKey.ids(system, value)).as(value).containsExactlyInAnyOrderElementsOf(hapi(system, value));
		}
		assertThat(byKey.ids(system, "plain")).hasSize(1).isEqualTo(byKey.ids(system, "second-key"));
		assertThat(byKey.ids(system, deleted)).isEmpty();
		assertThat(byKey.ids(system + "/other", "plain")).isEmpty();

		List<String> asked = concat(values, List.of(deleted, "absent", "PLAIN", "plain"));
		List<List<String>> each = byKey.idsOfEach(asked.stream().map(v -> new Identifier().setSystem(system).setValue(v)).toList());
		for (int i = 0; i < asked.size(); i++) { // one query for all, in the order asked, a key asked twice answered twice
			assertThat(each.get(i)).as(asked.get(i)).containsExactlyInAnyOrderElementsOf(hapi(system, asked.get(i)));
		}
	}

	@Test
	void matchAlsoFindsTheLivePatientAsHapiReadsIt() {
		String system = "http://hospital-" + UUID.randomUUID() + ".example/results";
		String live = ServerSide.create(daos, TrialFixtures.patient("live-" + UUID.randomUUID(), LocalDate.of(1956, 4, 4)))
				.getIdPart();
		String gone = ServerSide.create(daos, TrialFixtures.patient("gone-" + UUID.randomUUID(), LocalDate.of(1957, 5, 5)))
				.getIdPart();
		daos.getResourceDao(Patient.class).delete(new IdType("Patient", gone), new SystemRequestDetails());
		Observation observation = TrialFixtures.lab("Patient/" + live, "777-3", 10, "10*4/uL",
				Instant.parse("2026-03-01T10:00:00Z"));
		observation.addIdentifier(new Identifier().setSystem(system).setValue("k"));
		String stored = ServerSide.create(daos, observation).getIdPart();

		ObservationsByKey.KeyMatch match = byKey.match(system, "k", live);
		assertThat(match.ids()).containsExactly(stored);
		assertThat(match.patientResourceId()).contains((Long) daos.getResourceDao(Patient.class)
				.readEntity(new IdType("Patient", live), new SystemRequestDetails()).getPersistentId().getId());
		assertThat(byKey.match(system, "absent", live).ids()).isEmpty();
		assertThat(byKey.match(system, "absent", live).patientResourceId()).isPresent();
		assertThat(byKey.match(system, "k", gone).patientResourceId()).as("deleted").isEmpty();
		assertThat(byKey.match(system, "k", "unknown-" + UUID.randomUUID()).patientResourceId()).isEmpty();
		assertThat(byKey.match(system, "k", stored).patientResourceId()).as("an Observation's id").isEmpty();
		assertThat(byKey.match(system, "k", null)).isEqualTo(new ObservationsByKey.KeyMatch(List.of(stored),
				Optional.empty()));
	}

	private List<String> hapi(String system, String value) {
		return HapiSearch.search(daos, Observation.class, new SearchParameterMap().add("identifier",
				new TokenParam(system, value))).stream().map(o -> o.getIdElement().getIdPart()).toList();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return Stream.concat(a.stream(), b.stream()).toList();
	}
}
