package org.trialfhir.studyday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;

/** The enrolments a keyed write read with its key stand for the patient's lookup of that write, once. */
class PatientT0Test {

	private static final Instant EARLY = Instant.parse("2026-04-01T06:00:00Z");
	private static final Instant LATE = Instant.parse("2026-04-03T06:00:00Z");

	private final Enrolments enrolments = mock(Enrolments.class);
	private final PatientT0 t0s = new PatientT0(enrolments);
	private final SystemRequestDetails request = new SystemRequestDetails();

	@BeforeEach
	void aTransaction() {
		TransactionSynchronizationManager.initSynchronization();
	}

	/** As a transaction manager ends one: its synchronizations told, which unbind what it held. */
	@AfterEach
	void itsEnd() {
		List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
		TransactionSynchronizationManager.clearSynchronization();
		synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
	}

	@Test
	void enrolmentsReadBeforeTheWriteAreNotLookedUpAgain() {
		t0s.readBeforeTheWrite(request, "p1", List.of(enrolment("s2", "p1", LATE), enrolment("s1", "p1", EARLY),
				enrolment("s3", "p1", null)));

		assertThat(t0s.t0Of(new Reference("Patient/p1"), request)).contains(EARLY);
		assertThat(t0s.t0Of(new Reference("Patient/p1"))).as("the rest of the transaction").contains(EARLY);
		verify(enrolments, never()).ofPatient("p1");
	}

	@Test
	void aPatientReadBeforeTheWriteWithoutSubjectsHasNoT0() {
		t0s.readBeforeTheWrite(request, "p1", List.of());

		assertThat(t0s.t0Of(new Reference("Patient/p1"), request)).isEmpty();
		verify(enrolments, never()).ofPatient("p1");
	}

	@Test
	void whatWasReadForOnePatientIsNotTakenForAnother() {
		when(enrolments.ofPatient("p2")).thenReturn(List.of(enrolment("s9", "p2", LATE)));
		t0s.readBeforeTheWrite(request, "p1", List.of(enrolment("s1", "p1", EARLY)));

		assertThat(t0s.t0Of(new Reference("Patient/p2"), request)).contains(LATE);
		verify(enrolments).ofPatient("p2");
	}

	@Test
	void whatWasReadIsUsedOnceAndAnotherTransactionLooksAgain() {
		when(enrolments.ofPatient("p1")).thenReturn(List.of(enrolment("s1", "p1", LATE)));
		t0s.readBeforeTheWrite(request, "p1", List.of(enrolment("s1", "p1", EARLY)));
		assertThat(t0s.t0Of(new Reference("Patient/p1"), request)).contains(EARLY);

		itsEnd(); // a retried write runs in a transaction of its own
		aTransaction();

		assertThat(t0s.t0Of(new Reference("Patient/p1"), request)).contains(LATE);
		verify(enrolments, times(1)).ofPatient("p1");
	}

	private static Enrolment enrolment(String subject, String patient, Instant t0) {
		return new Enrolment(subject, "study", patient, t0, null, "rTM", "on-study");
	}
}
