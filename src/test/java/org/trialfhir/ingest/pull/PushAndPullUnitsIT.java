package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.ingest.pull.PullTesting.Counts;
import org.trialfhir.ingest.pull.source.EhrSources;
import org.trialfhir.support.EnrolledSubjects;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.units.TrialVariable;

/**
 * A value answers the same through both doors: what a REST push of an enrolled subject's Observation is refused for
 * (422, the profile's unit rule), a {@code $pull} of the same Observation from a hospital rejects; what one stores,
 * the other stores, and the scores read it alike.
 */
@TrialFhirServerTest
class PushAndPullUnitsIT {

	static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
	static final String UCUM = "http://unitsofmeasure.org";
	/** A UCUM unit no trial variable accepts. */
	static final String REFUSED_UNIT = "mg";

	@LocalServerPort
	int port;

	@Autowired
	EhrSources sources;

	IGenericClient fhir;
	PullScenario scenario;
	EnrolledSubjects.Subject pushed;
	EnrolledSubjects.Subject pulled;
	String pulledPatientAtTheHospital;

	@BeforeEach
	void setUp() {
		fhir = FhirTestClient.fhir(port);
		scenario = new PullScenario(fhir, sources, "units", 1, T0);
		pulled = scenario.subjects.get(0);
		pulledPatientAtTheHospital = scenario.hospital.data.observation(scenario.heartRates.get(0).get(0))
				.getSubject().getReference();
		pushed = EnrolledSubjects.on(fhir).t0(T0).enrol();
	}

	@AfterEach
	void tearDown() {
		scenario.close();
	}

	@Test
	void bloodPressureInKpaIsStoredByAPushAndByAPullAndScoredAlike() {
		// systolic 12 kPa, diastolic 6 kPa at one time: MAP = (12 + 2 x 6) / 3 kPa = 8 kPa = 8 x 7.50062 = 60.00496
		// mmHg, so APACHE II MAP 2 points (50 <= MAP < 70) and SOFA cardiovascular 1 (MAP < 70, no vasopressor);
		// read as mmHg it would be MAP 8 (APACHE 4), refused it would be missing
		Instant at = T0.plus(Duration.ofHours(2));
		List<Observation> pressures = List.of(bloodPressure("8480-6", 12, at), bloodPressure("8462-4", 6, at));

		for (Observation pressure : pressures) {
			assertThat(push(pressure)).as(pressure.getCode().getCodingFirstRep().getCode() + " in kPa, pushed")
					.isEqualTo(201);
			scenario.hospital.data.addObservation(atTheHospital(pressure));
		}
		Counts counts = PullTesting.pull(port, scenario.source().name());

		assertThat(counts.created()).isEqualTo(HospitalFixtures.CREATED + 2);
		assertThat(counts.rejected()).isEqualTo(HospitalFixtures.REJECTED);
		for (EnrolledSubjects.Subject subject : List.of(pushed, pulled)) {
			Map<String, Integer> points = dayOnePoints(subject);
			assertThat(points).as(subject == pushed ? "pushed" : "pulled")
					.containsEntry("apache-ii-map", 2).containsEntry("sofa-cardiovascular", 1);
		}
	}

	@Test
	void everyUnitOfEveryVariableGetsTheSameVerdictThroughAPushAndAPull() {
		Map<String, Observation> cases = new LinkedHashMap<>();
		for (TrialVariable variable : TrialVariable.values()) {
			List<String> units = new ArrayList<>(variable.acceptedUnits());
			units.add(REFUSED_UNIT);
			for (String unit : units) {
				// laboratory for all: the unit rule is the same for TrialLabResult and TrialVitalSign
				Observation observation = measured(variable.system(), variable.codes().get(0), unit,
						T0.plus(Duration.ofMinutes(60 + cases.size())));
				cases.put(variable.id() + " in " + unit, observation);
			}
		}
		Map<String, Integer> pushStatus = new LinkedHashMap<>();
		Map<String, String> hospitalIds = new LinkedHashMap<>();
		cases.forEach((name, observation) -> {
			pushStatus.put(name, push(observation));
			hospitalIds.put(name, scenario.hospital.data.addObservation(atTheHospital(observation)));
		});

		PullTesting.pull(port, scenario.source().name());

		Set<String> stored = PullTesting.fetchAllFrom(fhir, scenario.hospital).stream()
				.map(o -> o.getIdentifierFirstRep().getValue()).collect(Collectors.toSet());
		List<String> disagreements = new ArrayList<>();
		cases.keySet().forEach(name -> {
			boolean accepted = !name.endsWith(" in " + REFUSED_UNIT);
			int push = pushStatus.get(name);
			boolean pull = stored.contains(hospitalIds.get(name));
			if (push != (accepted ? 201 : 422) || pull != accepted) {
				disagreements.add(name + ": push " + push + ", pull " + (pull ? "stored" : "not stored"));
			}
		});
		assertThat(disagreements).isEmpty();
	}

	private static Observation bloodPressure(String loinc, double kilopascals, Instant at) {
		Observation observation = measured(TrialVariable.LOINC, loinc, "kPa", at);
		observation.getValueQuantity().setValue(BigDecimal.valueOf(kilopascals));
		observation.getCategoryFirstRep().getCodingFirstRep().setCode("vital-signs");
		return observation;
	}

	private static Observation measured(String system, String code, String unit, Instant at) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
		observation.setCode(new CodeableConcept(new Coding(system, code, null)));
		observation.setEffective(new DateTimeType(Date.from(at)));
		observation.setValue(new Quantity().setValue(BigDecimal.ONE).setSystem(UCUM).setCode(unit).setUnit(unit));
		return observation;
	}

	/** POST [base]/Observation for the pushed subject; the status. */
	private int push(Observation observation) {
		Observation ours = observation.copy().setSubject(new Reference(pushed.patient()));
		return FhirTestClient.http(port).contentType("application/fhir+json").body(FhirTestClient.json(ours))
				.post("/Observation").statusCode();
	}

	private Observation atTheHospital(Observation observation) {
		return observation.copy().setSubject(new Reference(pulledPatientAtTheHospital));
	}

	/** The points of each component of SOFA and APACHE II on study day 1, by component code. */
	private Map<String, Integer> dayOnePoints(EnrolledSubjects.Subject subject) {
		Bundle derived = fhir.operation().onInstance(new IdType("ResearchSubject", subject.researchSubjectId()))
				.named("$derive-scores").withParameters(new Parameters().addParameter("day", new IntegerType(1))
						.addParameter("score", new CodeType("sofa")).addParameter("score", new CodeType("apache-ii")))
				.returnResourceType(Bundle.class).execute();
		Map<String, Integer> points = new LinkedHashMap<>();
		derived.getEntry().stream().map(e -> (Observation) e.getResource())
				.flatMap(score -> score.getComponent().stream())
				.filter(Observation.ObservationComponentComponent::hasValueIntegerType)
				.forEach(c -> points.put(c.getCode().getCodingFirstRep().getCode(), c.getValueIntegerType().getValue()));
		return points;
	}
}
