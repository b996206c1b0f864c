package org.trialfhir.studyday;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

@TrialFhirServerTest
class StudyDayIT {

	static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

	@LocalServerPort
	int port;

	IGenericClient fhir;
	String study;
	String patient;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		study = fhir.create().resource(TrialFixtures.study("study-day trial")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		patient = fhir.create().resource(TrialFixtures.patient("sd-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)))
				.execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void observationsOfAnEnrolledSubjectGetTheirStudyDayOnWrite() {
		enrol(T0);
		// T0 + 30 h lies in [T0 + 24 h, T0 + 48 h): day 2; T0 - 2 h lies in [T0 - 24 h, T0): day 0
		assertThat(studyDay(create(T0.plusSeconds(30 * 3600)))).isEqualTo(2);
		assertThat(studyDay(create(T0.minusSeconds(2 * 3600)))).isEqualTo(0);
	}

	@Test
	void aKeyedPushIsStampedWithItsSubjectsStudyDayOnCreateAndOnUpdate() {
		enrol(T0);
		Observation keyed = TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", T0.plusSeconds(30 * 3600));
		keyed.addIdentifier(new Identifier().setSystem("http://hospital.example/results").setValue(
				UUID.randomUUID().toString()));
		String id = fhir.create().resource(keyed).execute().getId().getIdPart();
		assertThat(studyDay(id)).isEqualTo(2);

		keyed.getValueQuantity().setValue(11); // the same key again: an update of the same Observation, restamped
		keyed.setEffective(new DateTimeType(Date.from(T0.plusSeconds(50 * 3600))));
		assertThat(fhir.create().resource(keyed).execute().getId().getIdPart()).isEqualTo(id);
		assertThat(read(id).getMeta().getVersionId()).isEqualTo("2");
		assertThat(studyDay(id)).isEqualTo(3); // T0 + 50 h lies in [T0 + 48 h, T0 + 72 h)

		Observation notEnrolled = TrialFixtures.lab(fhir.create()
				.resource(TrialFixtures.patient("sd-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1))).execute().getId()
				.toUnqualifiedVersionless().getValue(), "777-3", 10, "10*4/uL", T0.plusSeconds(30 * 3600));
		notEnrolled.addIdentifier(new Identifier().setSystem("http://hospital.example/results").setValue(
				UUID.randomUUID().toString()));
		notEnrolled.addExtension(StudyDayExtension.URL, new IntegerType(2));
		String unstamped = fhir.create().resource(notEnrolled).execute().getId().getIdPart();
		assertThat(read(unstamped).getExtensionByUrl(StudyDayExtension.URL)).isNull();
	}

	@Test
	void t0CountsToTheMillisecondInItsOwnTimeZone() {
		// 18:00:00.250 at +09:00 is 09:00:00.250 UTC, where day 1 starts; the Observations are written to the second
		ResearchSubject subject = TrialFixtures.subject(study, patient, "rTM", T0);
		subject.getPeriod().setStartElement(new DateTimeType("2026-04-01T18:00:00.250+09:00"));
		fhir.create().resource(subject).execute();
		assertThat(studyDay(create(Instant.parse("2026-04-01T09:00:00Z")))).isEqualTo(0);
		assertThat(studyDay(create(Instant.parse("2026-04-01T09:00:01Z")))).isEqualTo(1);
	}

	@Test
	void aSubjectWhosePeriodHasAnEndButNoStartDoesNotEnrol() {
		ResearchSubject screened = TrialFixtures.subject(study, patient, "rTM", T0);
		screened.setPeriod(new Period().setEnd(Date.from(T0)));
		fhir.create().resource(screened).execute();
		assertThat(read(create(T0.plusSeconds(3600))).getExtensionByUrl(StudyDayExtension.URL)).isNull();
	}

	@Test
	void aStampSentByAClientForAPatientWhoIsNotEnrolledIsRemoved() {
		Observation bogus = TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", T0);
		bogus.addExtension(StudyDayExtension.URL, new IntegerType(7));
		String id = fhir.create().resource(bogus).execute().getId().getIdPart();
		assertThat(read(id).getExtensionByUrl(StudyDayExtension.URL)).isNull();
	}

	@Test
	void enrollingLaterStampsTheObservationsAlreadyStored() {
		String early = create(T0.plusSeconds(3600)); // day 1 once enrolled
		assertThat(read(early).getExtensionByUrl(StudyDayExtension.URL)).isNull();
		enrol(T0);
		assertThat(studyDay(early)).isEqualTo(1);
	}

	@Test
	void changingT0RecomputesTheStudyDays() {
		String subject = enrol(T0);
		String observation = create(T0.plusSeconds(30 * 3600)); // day 2 under T0
		ResearchSubject moved = fhir.read().resource(ResearchSubject.class).withId(subject).execute();
		Instant later = T0.plusSeconds(8 * 3600);
		moved.setPeriod(new Period().setStart(Date.from(later)));
		fhir.update().resource(moved).execute();

		// T0 + 30 h = T0' + 22 h, inside [T0', T0' + 24 h): day 1
		assertThat(studyDay(observation)).isEqualTo(1);
		Bundle dayOne = fhir.search().forResource(Observation.class)
				.where(Observation.SUBJECT.hasId(patient))
				.and(new ca.uhn.fhir.rest.gclient.NumberClientParam("study-day").exactly().number(1))
				.returnBundle(Bundle.class).execute();
		assertThat(dayOne.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly(observation);
	}

	@Test
	void aTransactionEnrollingTheSubjectStampsItsObservationsWhereverTheyStandInTheBundle() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		// one Observation before the ResearchSubject, one after it; T0 + 30 h -> day 2, T0 + 50 h -> day 3
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
				.setResource(TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", T0.plusSeconds(30 * 3600)))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
				.setResource(TrialFixtures.subject(study, patient, "rTM", T0))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ResearchSubject");
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
				.setResource(TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", T0.plusSeconds(50 * 3600)))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		Bundle response = fhir.transaction().withBundle(bundle).execute();
		String before = new org.hl7.fhir.r4.model.IdType(response.getEntry().get(0).getResponse().getLocation())
				.getIdPart();
		String after = new org.hl7.fhir.r4.model.IdType(response.getEntry().get(2).getResponse().getLocation())
				.getIdPart();
		assertThat(studyDay(before)).isEqualTo(2);
		assertThat(studyDay(after)).isEqualTo(3);
	}

	private String enrol(Instant t0) {
		return fhir.create().resource(TrialFixtures.subject(study, patient, "rTM", t0)).execute().getId().getIdPart();
	}

	private String create(Instant at) {
		return fhir.create().resource(TrialFixtures.lab(patient, "777-3", 10, "10*4/uL", at)).execute().getId()
				.getIdPart();
	}

	private Observation read(String id) {
		return fhir.read().resource(Observation.class).withId(id).execute();
	}

	private int studyDay(String id) {
		return StudyDayExtension.read(read(id)).orElseThrow();
	}
}
