package org.trialfhir.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pilot-sized run (42 subjects, 4 days, default 18:24 ratio, 3 sites), parsed back with HAPI. */
class OutputTest {
	private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser();
	private static final int DAYS = 4;

	@TempDir
	static Path out;
	static List<Bundle> subjectBundles = new ArrayList<>();
	static Bundle setup;

	@BeforeAll
	static void simulate() throws IOException {
		SimulatorRuns.run(out, "--subjects", "42", "--days", String.valueOf(DAYS), "--seed", "3");
		setup = PARSER.parseResource(Bundle.class, Files.readString(out.resolve("00-setup.json")));
		for (int i = 1; i <= 42; i++) {
			subjectBundles.add(PARSER.parseResource(Bundle.class,
					Files.readString(out.resolve(String.format("sim-p%04d.json", i)))));
		}
	}

	private static List<Resource> all(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
	}

	private static <T extends Resource> List<T> setupOf(Class<T> type) {
		return all(setup).stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Test
	void writesTheSetupAndOneBundlePerSubject() {
		assertThat(SimulatorRuns.files(out)).hasSize(43).contains(Path.of("00-setup.json"), Path.of("sim-p0042.json"));
		// 3 Organizations + the schedule of activities (PlanDefinition) + 1 ResearchStudy + 42 Patients + 42 ResearchSubjects
		assertThat(setup.getEntry()).hasSize(89);
	}

	@Test
	void pilotRatioByDefault() {
		Map<String, Integer> perArm = new HashMap<>();
		setupOf(ResearchSubject.class).forEach(s -> perArm.merge(s.getAssignedArm(), 1, Integer::sum));
		assertThat(perArm).containsEntry("rTM", 18).containsEntry("control", 24);
	}

	@Test
	void everyEntryIsAPutToItsOwnId() {
		List<Bundle> bundles = new ArrayList<>(subjectBundles);
		bundles.add(setup);
		for (Bundle bundle : bundles) {
			assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
				assertThat(entry.getRequest().getUrl())
						.isEqualTo(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
				assertThat(resource.getIdElement().getIdPart()).startsWith("sim-").matches("[A-Za-z0-9\\-.]{1,64}")
						.doesNotMatch("\\d+");
			}
		}
	}

	@Test
	void studyHasArmsInOrderConditionsAndOpenLabel() {
		ResearchStudy study = setupOf(ResearchStudy.class).get(0);
		assertThat(study.getArm()).extracting(ResearchStudy.ResearchStudyArmComponent::getName)
				.containsExactly("rTM", "control");
		assertThat(study.getStatus()).isEqualTo(ResearchStudy.ResearchStudyStatus.ACTIVE);
		assertThat(study.getCondition()).extracting(c -> c.getCodingFirstRep().getCode())
				.containsExactly("91302008", "67406007");
		assertThat(study.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/blinded").getValue()
				.primitiveValue()).isEqualTo("false");
	}

	@Test
	void patientsHaveMrnBirthDateAndSite() {
		for (Patient patient : setupOf(Patient.class)) {
			assertThat(patient.getMeta().hasProfile("http://trialfhir.org/fhir/StructureDefinition/TrialPatient")).isTrue();
			assertThat(patient.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("MR");
			assertThat(patient.getIdentifierFirstRep().getSystem()).isIn("urn:oid:1.2.392.100495.20.3.51.1",
					"http://hospital-a.example/mrn", "http://hospital-b.example/mrn");
			assertThat(patient.hasBirthDate()).isTrue();
			assertThat(patient.getManagingOrganization().getReference()).matches("Organization/sim-site-(jp|a|b)");
		}
	}

	@Test
	void everyObservationIsFinalCodedTimedAndInAnAcceptedUnit() {
		int quantities = 0;
		for (Bundle bundle : subjectBundles) {
			for (Resource resource : all(bundle)) {
				if (!(resource instanceof Observation o)) {
					continue;
				}
				assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
				assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isIn("vital-signs", "laboratory", "survey");
				assertThat(o.getMeta().getProfile()).hasSize(1);
				assertThat(o.getSubject().getReference()).startsWith("Patient/sim-p");
				assertThat(o.getIdentifierFirstRep().getSystem()).isEqualTo("http://trialfhir.org/fhir/sid/simulator");
				assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo(o.getIdElement().getIdPart());
				assertThat(o.hasEffectiveDateTimeType() || o.hasEffectivePeriod()).isTrue();
				if (o.hasValueQuantity()) {
					Quantity q = o.getValueQuantity();
					String code = o.getCode().getCodingFirstRep().getCode();
					assertThat(q.getSystem()).isEqualTo("http://unitsofmeasure.org");
					assertThat(q.getUnit()).isEqualTo(q.getCode());
					assertThat(AcceptedUnits.accepts(code, q.getCode())).as("%s in %s", code, q.getCode()).isTrue();
					double canonical = AcceptedUnits.canonical(code, q.getCode(), q.getValue().doubleValue());
					assertThat(canonical).as("%s %s", o.getIdElement().getIdPart(), q.getValue())
							.isBetween(PlausibleRanges.low(code), PlausibleRanges.high(code));
					quantities++;
				}
			}
		}
		assertThat(quantities).isGreaterThan(42 * 100);
	}

	@Test
	void urineOutputCoversTheStudyDay() {
		for (Bundle bundle : subjectBundles) {
			for (Resource resource : all(bundle)) {
				if (resource instanceof Observation o && "9187-6".equals(o.getCode().getCodingFirstRep().getCode())) {
					Instant start = o.getEffectivePeriod().getStart().toInstant();
					Instant end = o.getEffectivePeriod().getEnd().toInstant();
					assertThat(Duration.between(start, end)).isBetween(Duration.ofHours(1), Duration.ofHours(24));
				}
			}
		}
	}

	@Test
	void survivorsHaveDataOnEveryDayAndNothingAfterTheLast() {
		Map<String, Instant> t0 = new HashMap<>();
		setupOf(ResearchSubject.class).forEach(s -> t0.put(s.getIndividual().getReference(), s.getPeriod().getStart()
				.toInstant()));
		Map<String, Patient> patients = new HashMap<>();
		setupOf(Patient.class).forEach(p -> patients.put("Patient/" + p.getIdElement().getIdPart(), p));
		for (Bundle bundle : subjectBundles) {
			boolean[] seen = new boolean[DAYS + 2];
			String patient = null;
			for (Resource resource : all(bundle)) {
				if (resource instanceof Observation o && o.hasEffectiveDateTimeType()) {
					patient = o.getSubject().getReference();
					long hours = Duration.between(t0.get(patient), o.getEffectiveDateTimeType().getValue().toInstant())
							.toHours();
					int day = (int) (hours / 24) + 1;
					assertThat(day).isBetween(1, DAYS);
					seen[day] = true;
				}
			}
			Patient p = patients.get(patient);
			boolean aliveThroughout = !p.hasDeceasedDateTimeType() || p.getDeceasedDateTimeType().getValue().toInstant()
					.isAfter(t0.get(patient).plus(Duration.ofDays(DAYS)));
			if (aliveThroughout) {
				for (int day = 1; day <= DAYS; day++) {
					assertThat(seen[day]).as("%s day %d", patient, day).isTrue();
				}
			}
		}
	}
}
