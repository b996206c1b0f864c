package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Each query of {@link ObservationIndex} answers what HAPI's search of the same Observations answers — only final,
 * amended and corrected ones, nothing deleted — read for the same values. Each test has its own identifier system or
 * time window, so the server-wide queries see only its own Observations.
 */
@TrialFhirServerTest
class ObservationIndexIT {

	private static final String SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";
	private static final String PLATELETS = "777-3";
	private static final String PLATELETS_AUTOMATED = "26515-7";
	private static final Comparator<ObservationIndex.Identified> BY_IDENTIFIER = Comparator
			.comparing(ObservationIndex.Identified::identifier).thenComparing(ObservationIndex.Identified::value);
	private static final Comparator<ObservationIndex.Measured> BY_TIME = Comparator
			.comparing(ObservationIndex.Measured::time).thenComparing(ObservationIndex.Measured::value);

	@Autowired
	ObservationIndex index;

	@Autowired
	DaoRegistry daos;

	@Test
	void integerValuesAreHapisSearchByIdentifierSystemAndStatus() {
		String system = "http://test.example/score-" + UUID.randomUUID();
		String patient = patient();
		store(scored(patient, system, "a", ObservationStatus.FINAL).setValue(new IntegerType(7)));
		store(scored(patient, system, "b", ObservationStatus.AMENDED).setValue(new IntegerType(8)));
		store(scored(patient, system, "c", ObservationStatus.CORRECTED).setValue(new IntegerType(9)));
		store(scored(patient, system, "d", ObservationStatus.PRELIMINARY).setValue(new IntegerType(5)));
		store(scored(patient, system, "e", ObservationStatus.ENTEREDINERROR).setValue(new IntegerType(4)));
		store(scored(patient, system, "f", ObservationStatus.FINAL).setValue(new Quantity(3)));
		String deleted = store(scored(patient, system, "g", ObservationStatus.FINAL).setValue(new IntegerType(2)));
		ServerSide.delete(daos, new IdType("Observation", deleted));

		List<ObservationIndex.Identified> read = index.integerValues(system).stream().sorted(BY_IDENTIFIER).toList();

		List<ObservationIndex.Identified> searched = counted(system).stream()
				.filter(o -> o.getValue() instanceof IntegerType)
				.map(o -> new ObservationIndex.Identified(identifier(o, system),
						((IntegerType) o.getValue()).getValue()))
				.sorted(BY_IDENTIFIER).toList();
		assertThat(read).isEqualTo(searched);
		assertThat(read).containsExactly(new ObservationIndex.Identified("a", 7),
				new ObservationIndex.Identified("b", 8), new ObservationIndex.Identified("c", 9));
	}

	@Test
	void diagnosesAreHapisSearchByScoreDiagnosis() {
		String system = "http://test.example/score-" + UUID.randomUUID();
		String patient = patient();
		store(diagnosed(scored(patient, system, "yes", ObservationStatus.FINAL), true));
		store(diagnosed(scored(patient, system, "no", ObservationStatus.CORRECTED), false));
		store(diagnosed(scored(patient, system, "draft", ObservationStatus.PRELIMINARY), true));
		Observation indeterminate = scored(patient, system, "unknown", ObservationStatus.FINAL);
		indeterminate.addComponent().setCode(concept(SCORE, "jaam-dic-diagnosis")).setDataAbsentReason(
				concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown"));
		store(indeterminate);
		store(scored(patient, system, "none", ObservationStatus.FINAL)); // no diagnosis component
		String deleted = store(diagnosed(scored(patient, system, "gone", ObservationStatus.FINAL), true));
		ServerSide.delete(daos, new IdType("Observation", deleted));

		List<ObservationIndex.Identified> read = index.diagnoses(system).stream().sorted(BY_IDENTIFIER).toList();

		List<ObservationIndex.Identified> searched = Stream.of(true, false).flatMap(diagnosis -> {
			SearchParameterMap map = countedMap(system);
			map.add("score-diagnosis", new TokenParam(null, Boolean.toString(diagnosis)));
			return HapiSearch.search(daos, Observation.class, map).stream()
					.map(o -> new ObservationIndex.Identified(identifier(o, system), diagnosis ? 1 : 0));
		}).sorted(BY_IDENTIFIER).toList();
		assertThat(read).isEqualTo(searched);
		assertThat(read).containsExactly(new ObservationIndex.Identified("no", 0),
				new ObservationIndex.Identified("yes", 1));
	}

	@Test
	void measuredIsHapisSearchByCodeDateAndStatus() {
		// a window of its own, years from any other test's data
		Instant from = Instant.parse("2041-01-01T00:00:00Z").plus(Duration.ofDays(new Random().nextInt(3000)));
		Instant to = from.plus(Duration.ofDays(2));
		String first = patient();
		String second = patient();
		store(lab(first, PLATELETS, 12.5, "10*4/uL", from, ObservationStatus.FINAL)); // the window's start counts
		store(lab(first, PLATELETS, 11, "10*4/uL", from.plusSeconds(3_600), ObservationStatus.AMENDED));
		store(lab(second, PLATELETS_AUTOMATED, 95, "10*9/L", from.plusSeconds(7_200), ObservationStatus.CORRECTED));
		store(lab(second, PLATELETS, 90, "10*9/L", from.plusSeconds(9_000), ObservationStatus.PRELIMINARY));
		store(lab(second, PLATELETS, 80, "10*9/L", to, ObservationStatus.FINAL)); // the window's end does not
		store(lab(second, PLATELETS, 70, "10*9/L", from.minusSeconds(1), ObservationStatus.FINAL));
		store(lab(second, "2160-0", 1.1, "mg/dL", from.plusSeconds(3_600), ObservationStatus.FINAL)); // creatinine
		Observation overAPeriod = lab(first, PLATELETS, 10, "10*4/uL", from, ObservationStatus.FINAL);
		overAPeriod.setEffective(new Period().setStart(Date.from(from.plusSeconds(36_000)))
				.setEnd(Date.from(from.plusSeconds(39_600))));
		store(overAPeriod);
		String deleted = store(lab(first, PLATELETS, 5, "10*4/uL", from.plusSeconds(60), ObservationStatus.FINAL));
		ServerSide.delete(daos, new IdType("Observation", deleted));

		List<ObservationIndex.Measured> read = index.measured(TrialFixtures.LOINC,
				List.of(PLATELETS, PLATELETS_AUTOMATED), from, to).stream().sorted(BY_TIME).toList();

		TokenOrListParam codes = new TokenOrListParam().add(TrialFixtures.LOINC, PLATELETS)
				.add(TrialFixtures.LOINC, PLATELETS_AUTOMATED);
		SearchParameterMap map = SearchParameterMap.newSynchronous().add("code", codes)
				.add("date", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(from)))
				.add("date", new DateParam(ParamPrefixEnum.LESSTHAN, Date.from(to)))
				.add("status", statusesThatCount());
		List<ObservationIndex.Measured> searched = HapiSearch.search(daos, Observation.class, map).stream()
				.map(o -> new ObservationIndex.Measured(o.getSubject().getReferenceElement().getIdPart(),
						start(o), o.getValueQuantity().getValue().doubleValue(), o.getValueQuantity().getCode()))
				.sorted(BY_TIME).toList();
		assertThat(read).isEqualTo(searched);
		assertThat(read).containsExactly(new ObservationIndex.Measured(first, from, 12.5, "10*4/uL"),
				new ObservationIndex.Measured(first, from.plusSeconds(3_600), 11, "10*4/uL"),
				new ObservationIndex.Measured(second, from.plusSeconds(7_200), 95, "10*9/L"),
				new ObservationIndex.Measured(first, from.plusSeconds(36_000), 10, "10*4/uL"));
	}

	private List<Observation> counted(String identifierSystem) {
		return HapiSearch.search(daos, Observation.class, countedMap(identifierSystem));
	}

	private static SearchParameterMap countedMap(String identifierSystem) {
		return SearchParameterMap.newSynchronous("identifier", new TokenParam(identifierSystem, null))
				.add("status", statusesThatCount());
	}

	private static TokenOrListParam statusesThatCount() {
		return new TokenOrListParam().add(null, "final").add(null, "amended").add(null, "corrected");
	}

	private static Instant start(Observation observation) {
		return observation.getEffective() instanceof Period period ? period.getStart().toInstant()
				: observation.getEffectiveDateTimeType().getValue().toInstant();
	}

	private static String identifier(Observation observation, String system) {
		return observation.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).findFirst()
				.orElseThrow().getValue();
	}

	private static Observation scored(String patient, String system, String identifier, ObservationStatus status) {
		Observation observation = new Observation().setStatus(status).setCode(concept(SCORE, "jaam-dic"))
				.setSubject(new Reference("Patient/" + patient));
		observation.addIdentifier().setSystem(system).setValue(identifier);
		return observation;
	}

	private static Observation diagnosed(Observation observation, boolean diagnosis) {
		observation.setValue(new IntegerType(diagnosis ? 5 : 2)).addComponent()
				.setCode(concept(SCORE, "jaam-dic-diagnosis")).setValue(new BooleanType(diagnosis));
		return observation;
	}

	private static Observation lab(String patient, String loinc, double value, String unit, Instant when,
			ObservationStatus status) {
		Observation observation = TrialFixtures.lab("Patient/" + patient, loinc, value, unit, when);
		observation.setStatus(status);
		((Quantity) observation.getValue()).setValue(BigDecimal.valueOf(value));
		return observation;
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}

	private String patient() {
		return store(TrialFixtures.patient("observations-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)));
	}

	private String store(IBaseResource resource) {
		return ServerSide.create(daos, resource).getIdPart();
	}
}
