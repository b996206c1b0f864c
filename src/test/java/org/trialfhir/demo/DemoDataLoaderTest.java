package org.trialfhir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.trialfhir.bulkimport.ServerImports;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;

/**
 * The demo loader when the derivation of its trial cannot finish (a queued patient no thread can claim): the
 * {@code demo} health component says DOWN and names the patients still queued, instead of waiting for ever. The
 * import and the derivation are mocks: a trial imported at an earlier start, whose settling gives up (the wait
 * only leaves time for the simulation on a busy machine).
 */
class DemoDataLoaderTest {

	@Test
	@SuppressWarnings("unchecked")
	void aDerivationThatCannotFinishMakesTheHealthDownNamingThePatientsLeft() throws Exception {
		ServerImports imports = mock(ServerImports.class);
		when(imports.completedBefore(any(), any())).thenReturn(true);
		Enrolments enrolments = mock(Enrolments.class);
		when(enrolments.ofStudy(DemoDataLoader.STUDY)).thenReturn(List.of(enrolment("sim-s1", "sim-p1"),
				enrolment("sim-s2", "sim-p2")));
		PendingDerivations derivations = mock(PendingDerivations.class);
		when(derivations.settle(anyCollection())).thenThrow(
				new PendingDerivations.Unsettled(List.of("sim-p2"), Duration.ofMinutes(5)));
		DemoHealthIndicator health = new DemoHealthIndicator();
		DemoDataLoader loader = new DemoDataLoader(mock(FhirContext.class), mock(IFhirSystemDao.class), imports,
				enrolments, derivations, health, new DemoDataProperties(true, 2, 1, 1L, "1:1"));

		loader.run(null);

		await().atMost(Duration.ofMinutes(3)).until(() -> !health.health().getStatus().equals(Status.OUT_OF_SERVICE));
		Health down = health.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails().get("pendingPatients")).isEqualTo(List.of("Patient/sim-p2"));
		assertThat((String) down.getDetails().get("demo")).contains("Patient/sim-p2");
	}

	private static Enrolment enrolment(String subject, String patient) {
		return new Enrolment(subject, DemoDataLoader.STUDY, patient, null, null, "control", "on-study");
	}
}
