package org.trialfhir.randomization;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.security.BlindedStudies;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFixtures;

/**
 * A site of its own (so each test has its own strata), studies, and screening candidates that meet every default
 * eligibility rule unless a test changes one thing.
 */
public final class EnrolmentFixtures {

	final int port;
	final IGenericClient admin;
	public final String site;
	final String organization;

	EnrolmentFixtures(int port) {
		this(port, FhirTestClient.fhir(port));
	}

	/** On a server whose administrator client is {@code admin} (a server started outside the test's Spring context). */
	public EnrolmentFixtures(int port, IGenericClient admin) {
		this.port = port;
		this.admin = admin;
		this.site = "site-it-" + System.nanoTime();
		Organization hospital = new Organization().setName("IT hospital " + site);
		hospital.addIdentifier(new Identifier().setSystem(ScreeningReader.SITE_SYSTEM).setValue(site));
		this.organization = id(admin.create().resource(hospital).execute().getId());
	}

	public String study(boolean blinded) {
		return study(blinded, study -> {});
	}

	String study(boolean blinded, Consumer<ResearchStudy> changes) {
		ResearchStudy study = TrialFixtures.study("randomization IT " + System.nanoTime());
		study.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(blinded));
		changes.accept(study);
		return id(admin.create().resource(study).execute().getId());
	}

	/** What a candidate has on record; the defaults satisfy every default rule (JAAM 5: stratum below 6). */
	static final class Candidate {
		LocalDate birthDate = LocalDate.of(1960, 1, 1);
		String sepsisCode = "91302008";
		Integer jaam = 5;
		Instant jaamAt = Instant.now().minus(Duration.ofHours(1));
		boolean consent = true;
		boolean managedBySite = true;
	}

	public String candidate() {
		return candidate(c -> {});
	}

	String candidate(Consumer<Candidate> changes) {
		Candidate c = new Candidate();
		changes.accept(c);
		Patient patient = TrialFixtures.patient("rand-" + System.nanoTime(), c.birthDate);
		if (c.managedBySite) {
			patient.setManagingOrganization(new Reference(organization));
		}
		String patientRef = id(admin.create().resource(patient).execute().getId());
		if (c.sepsisCode != null) {
			Condition sepsis = new Condition();
			sepsis.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
			sepsis.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
			sepsis.setCode(concept("http://snomed.info/sct", c.sepsisCode));
			sepsis.setSubject(new Reference(patientRef));
			admin.create().resource(sepsis).execute();
		}
		if (c.jaam != null) {
			Observation score = new Observation();
			score.setStatus(Observation.ObservationStatus.FINAL);
			score.setCode(concept(ScreeningReader.TRIAL_SCORE_SYSTEM, "jaam-dic"));
			score.setSubject(new Reference(patientRef));
			score.setEffective(new DateTimeType(Date.from(c.jaamAt)));
			score.setValue(new IntegerType(c.jaam));
			admin.create().resource(score).execute();
		}
		if (c.consent) {
			Consent consent = new Consent();
			consent.setStatus(Consent.ConsentState.ACTIVE);
			consent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", "research"));
			consent.addCategory(concept("http://loinc.org", "59284-0"));
			consent.setPatient(new Reference(patientRef));
			consent.setDateTime(new Date());
			consent.addPolicy().setUri("http://trialfhir.org/fhir/consent-policy/rtm-trial");
			consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
			admin.create().resource(consent).execute();
		}
		return patientRef;
	}

	Response randomize(TestRole role, String study, String patient) {
		return randomize(role, study, patient, null, null);
	}

	Response randomize(TestRole role, String study, String patient, String siteParameter, Integer jaamParameter) {
		return randomize(FhirTestClient.http(port, role), study, patient, siteParameter, jaamParameter);
	}

	/** {@code $randomize} of the patient, sent with {@code request} (its server and token). */
	public static Response randomize(RequestSpecification request, String study, String patient) {
		return randomize(request, study, patient, null, null);
	}

	private static Response randomize(RequestSpecification request, String study, String patient, String siteParameter,
			Integer jaamParameter) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("subject").setValue(new Reference(patient));
		if (siteParameter != null) {
			parameters.addParameter().setName("site").setValue(new StringType(siteParameter));
		}
		if (jaamParameter != null) {
			parameters.addParameter().setName("baseline-jaam").setValue(new IntegerType(jaamParameter));
		}
		return request.contentType("application/fhir+json").body(FhirTestClient.json(parameters))
				.post("/" + study + "/$randomize");
	}

	/** A slot as the table holds it; tests read the table directly, as only the server itself may. */
	public record SlotRow(long id, String stratum, int sequence, int block, int blockSize, String arm, String subject,
			String patient, Instant usedAt) {}

	public static List<SlotRow> slots(JdbcTemplate jdbc, String study) {
		return jdbc.query("SELECT sequence, block_number, block_size, arm, research_subject_id, patient_id, stratum, used_at, "
				+ "id FROM trialfhir_allocation_slot WHERE study_id = ? ORDER BY stratum, sequence",
				(rs, n) -> new SlotRow(rs.getLong(9), rs.getString(7), rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
						rs.getString(5), rs.getString(6),
						rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()),
				idPart(study));
	}

	static String idPart(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private static String id(org.hl7.fhir.instance.model.api.IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}
}
