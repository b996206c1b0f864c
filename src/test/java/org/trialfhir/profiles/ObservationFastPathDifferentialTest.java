package org.trialfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.profiles.SharedValidator.VALIDATOR;
import static org.trialfhir.profiles.TrialCanonicals.*;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.trialfhir.profiles.ObservationMutations.Mutation;
import org.trialfhir.profiles.TrialValidationResult.Issue;
import org.trialfhir.units.TrialVariable;

/**
 * The guarantee of {@link ObservationFastPath}: on a corpus generated from a fixed seed (valid vital signs and lab
 * results of every trial variable, some claiming their profile in meta.profile, and the same with every rule broken
 * alone and in pairs), wherever the fast path gives a verdict, the full HAPI validator accepts and rejects exactly the
 * same resources with exactly the same error locations; and the fast path gives a verdict on every ordinary (valid)
 * trial write. Each resource is judged twice: as a bundle entry or an import line reaches validation (the resource
 * itself), and as a single create reaches it in the server (parsed by a context that keeps the text sent, then
 * stamped with its study day, which the full validator does not see: it reads the text).
 */
class ObservationFastPathDifferentialTest {

	private static final long SEED = 17;
	private static final int VALID = 300;
	private static final int SINGLES_PER_MUTATION = 10;
	private static final int PAIRS = 700;

	private record Sample(String label, Observation observation) {}

	/** Parses as the server's context does: keeping the text of a single create's or update's body on the resource. */
	private static final FhirContext SERVER_CONTEXT = serverContext();

	private final Random random = new Random(SEED);

	private static FhirContext serverContext() {
		FhirContext ctx = FhirContext.forR4();
		ctx.setStoreRawJson(true);
		return ctx;
	}

	@Test
	void theFastPathAgreesWithTheFullValidatorWhereverItGivesAVerdict() {
		List<Sample> valid = new ArrayList<>();
		for (int i = 0; i < VALID; i++) {
			valid.add(new Sample("valid #" + i, ordinary(i)));
		}
		List<Mutation> mutations = ObservationMutations.all();
		List<Sample> broken = new ArrayList<>();
		for (Mutation m : mutations) {
			for (int i = 0; i < SINGLES_PER_MUTATION; i++) {
				Observation obs = ordinary(random.nextInt(VALID));
				m.apply().accept(obs);
				broken.add(new Sample(m.name(), obs));
			}
		}
		for (int i = 0; i < PAIRS; i++) {
			Mutation a = mutations.get(random.nextInt(mutations.size()));
			Mutation b = mutations.get(random.nextInt(mutations.size()));
			Observation obs = ordinary(random.nextInt(VALID));
			a.apply().accept(obs);
			b.apply().accept(obs);
			broken.add(new Sample(a.name() + " + " + b.name(), obs));
		}

		int generatedValid = valid.size();
		assertThat(valid).as("ordinary writes over a span (a Period with an end)")
				.anyMatch(s -> s.observation().hasEffectivePeriod() && s.observation().getEffectivePeriod().hasEnd());
		for (Sample s : List.copyOf(valid)) {
			valid.add(new Sample(s.label() + AS_A_SINGLE_WRITE, sentAndStamped(s.observation())));
		}
		for (Sample s : List.copyOf(broken)) {
			broken.add(new Sample(s.label() + AS_A_SINGLE_WRITE, sentAndStamped(s.observation())));
		}

		List<String> disagreements = new ArrayList<>();
		int validVerdicts = 0;
		int errorVerdicts = 0;
		int fullRejections = 0;
		Set<String> mutationsWithErrorVerdict = new TreeSet<>();
		Set<String> mutationsAnswered = new TreeSet<>();
		for (Sample s : valid) {
			assertThat(VALIDATOR.validateEnrolledObservationInFull(s.observation()).errors())
					.as("the generator's %s is valid", s.label()).isEmpty();
			Optional<TrialValidationResult> fast = VALIDATOR.fastVerdict(s.observation());
			if (fast.isPresent() && fast.get().errors().isEmpty()) {
				validVerdicts++;
			} else {
				disagreements.add(s.label() + ": fast path " + fast.map(r -> r.errors().toString()).orElse("declined"));
			}
		}
		for (Sample s : broken) {
			TrialValidationResult full = VALIDATOR.validateEnrolledObservationInFull(s.observation());
			fullRejections += full.hasErrors() ? 1 : 0;
			Optional<TrialValidationResult> fast = VALIDATOR.fastVerdict(s.observation());
			if (fast.isEmpty()) {
				continue;
			}
			mutationsAnswered.add(s.label());
			if (!locations(fast.get()).equals(locations(full))) {
				disagreements.add(s.label() + ": fast " + fast.get().errors() + " full " + full.errors());
			} else if (fast.get().hasErrors()) {
				errorVerdicts++;
				mutationsWithErrorVerdict.add(s.label());
			}
		}

		assertThat(disagreements).isEmpty();
		assertThat(validVerdicts).isEqualTo(2 * generatedValid);
		// a claim of exactly the profile checked keeps the fast path, with or without a rule broken beside it
		assertThat(mutationsAnswered).contains("its own profile claimed", "its own profile claimed" + AS_A_SINGLE_WRITE);
		// a period over a span takes the fast path; one the fast path cannot compare exactly is the full validator's
		assertThat(mutationsAnswered).contains("a period with an end", "a period ending when it starts",
				"a period with an end" + AS_A_SINGLE_WRITE).doesNotContain("a reversed period",
						"a period ending a second before it starts", "a period ending at another precision",
						"a period ending in another fraction", "a period with a malformed end");
		assertThat(mutationsWithErrorVerdict).anyMatch(label -> List.of(label.replace(AS_A_SINGLE_WRITE, "")
				.split(" \\+ ")).contains("its own profile claimed") && label.contains(" + "));
		// the corpus does exercise both validators' rejections, and the fast path's own error reports
		assertThat(fullRejections).isGreaterThan(broken.size() / 2);
		assertThat(errorVerdicts).isGreaterThan(150);
		assertThat(mutationsWithErrorVerdict).contains("no status", "no category", "no subject", "no effective",
				"no value and no dataAbsentReason", "value and dataAbsentReason", "no quantity value",
				"no quantity system", "another quantity system", "no quantity code", "another variable's unit");
	}

	/**
	 * The invalid example of the write validation's tests (a claimed TrialVitalSign whose study day is a string) as the
	 * server's steps hand it to validation: as the body of a single create, where the server's stamp has replaced the
	 * study day but the full validator reads the text sent, and as a bundle entry or an import line, the resource
	 * itself. In each the fast path gives the full validator's verdict, or none.
	 */
	@Test
	void theFastPathJudgesAClaimedVitalSignWithAStringStudyDayAsTheFullValidatorDoes() throws IOException {
		String sent = Files.readString(Path.of("src/test/resources/invalid/Observation-vital-study-day-not-integer.json"));
		Observation singleCreate = stamped(SERVER_CONTEXT.newJsonParser().parseResource(Observation.class, sent));
		Observation entry = FhirContext.forR4Cached().newJsonParser().parseResource(Observation.class, sent);

		assertThat(locations(VALIDATOR.validateEnrolledObservationInFull(singleCreate))).containsExactly(
				"Observation.extension[0]");
		assertThat(VALIDATOR.fastVerdict(singleCreate)).as("the text sent has a string study day").isEmpty();
		assertThat(locations(VALIDATOR.validateEnrolledObservation(singleCreate))).containsExactly(
				"Observation.extension[0]");

		assertThat(locations(VALIDATOR.validateEnrolledObservationInFull(entry))).containsExactly(
				"Observation.extension[0]");
		assertThat(VALIDATOR.fastVerdict(entry)).as("a string study day is the full validator's").isEmpty();
		Observation stampedEntry = stamped(entry);
		assertThat(VALIDATOR.validateEnrolledObservationInFull(stampedEntry).errors()).isEmpty();
		assertThat(VALIDATOR.fastVerdict(stampedEntry)).hasValueSatisfying(fast -> assertThat(fast.errors()).isEmpty());
	}

	private static final String AS_A_SINGLE_WRITE = ", as a single write";

	/**
	 * The generated resource as the body of a single create reaches validation in the server: sent as JSON, parsed by a
	 * context that keeps the text on the resource, then stamped.
	 */
	private static Observation sentAndStamped(Observation generated) {
		String sent = SERVER_CONTEXT.newJsonParser().encodeResourceToString(generated);
		return stamped(SERVER_CONTEXT.newJsonParser().parseResource(Observation.class, sent));
	}

	/**
	 * What the server's stamp-study-day step does, before validation, to an enrolled subject's Observation with an
	 * effective time: its study day replaces whatever the client sent there.
	 */
	private static Observation stamped(Observation obs) {
		if (obs.hasEffective()) {
			obs.getExtension().removeIf(e -> EXT_STUDY_DAY.equals(e.getUrl()));
			obs.addExtension(EXT_STUDY_DAY, new IntegerType(1));
		}
		return obs;
	}

	/**
	 * The set of error locations: equal sets mean the same accept/reject decision and the same elements blamed (HAPI
	 * may report two errors at one location, e.g. qty-3 and the missing Quantity system).
	 */
	private static Set<String> locations(TrialValidationResult result) {
		return result.errors().stream().map(Issue::location).collect(Collectors.toCollection(TreeSet::new));
	}

	/** An ordinary trial write: the variables in turn, with the optional elements a hospital feed sends at random. */
	private Observation ordinary(int i) {
		Random r = new Random(SEED * 1000 + i);
		TrialVariable variable = TrialVariable.values()[i % TrialVariable.values().length];
		var obs = new Observation();
		obs.setStatus(pick(r, List.of(Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
				Observation.ObservationStatus.PRELIMINARY, Observation.ObservationStatus.CORRECTED)));
		boolean vital = variable == TrialVariable.FIO2 ? r.nextBoolean() : variable.vitalSign();
		obs.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, vital ? "vital-signs" : "laboratory",
				r.nextBoolean() ? null : vital ? "Vital Signs" : "Laboratory")));
		var coding = new Coding(variable.system(), pick(r, variable.codes()), r.nextBoolean() ? null : variable.id());
		obs.setCode(new CodeableConcept(coding));
		if (r.nextInt(4) == 0) {
			obs.getCode().setText(variable.id() + " measured");
		}
		obs.setSubject(new Reference("Patient/p-" + r.nextInt(1000)));
		if (r.nextInt(5) == 0) {
			obs.getSubject().setDisplay("Patient " + r.nextInt(1000));
		}
		String date = String.format("2026-%02d-%02dT", 1 + r.nextInt(12), 1 + r.nextInt(28));
		String hourMinute = String.format("%02d:%02d", r.nextInt(24), r.nextInt(60));
		String zone = pick(r, List.of("Z", "+09:00", "-05:00", ".250+01:00"));
		String time = date + hourMinute + ":00" + zone;
		if (r.nextInt(5) == 0) {
			obs.setEffective(new Period().setStartElement(new DateTimeType(time)));
			// half of them over a span, as urine outputs are (a draw of its own: the resources above stay as they were)
			SplittableRandom span = new SplittableRandom(SEED * 9000 + i); // mixes its seed: no Random's first-draw bias
			if (span.nextBoolean()) {
				String later = span.nextBoolean() ? "23:59" : hourMinute; // or ending at once
				obs.getEffectivePeriod().setEndElement(new DateTimeType(date + later + ":00" + zone));
			}
		} else {
			obs.setEffective(new DateTimeType(time));
		}
		if (r.nextInt(8) == 0) {
			obs.setDataAbsentReason(new CodeableConcept(new Coding(ObservationMutations.DAR, pick(r, List.of("unknown", "asked-unknown",
					"not-performed", "error", "masked")), null)));
		} else {
			String unit = pick(r, variable.acceptedUnits());
			obs.setValue(new Quantity().setValue(new BigDecimal(r.nextInt(100000)).movePointLeft(r.nextInt(4)))
					.setSystem(UCUM).setCode(unit).setUnit(r.nextInt(3) == 0 ? null : unit));
		}
		if (r.nextBoolean()) {
			obs.addIdentifier(new Identifier().setSystem(pick(r, List.of("http://hospital.example/obs",
					"urn:oid:1.2.392.200119.6.102", "https://lab.example.org/results"))).setValue("id-" + i));
		}
		if (r.nextInt(3) == 0) {
			obs.addExtension(EXT_STUDY_DAY, new IntegerType(1 + r.nextInt(28)));
		}
		if (r.nextInt(4) == 0) {
			obs.setIssuedElement(new InstantType("2026-04-01T10:00:00.000+09:00"));
		}
		switch (r.nextInt(4)) {
			case 0 -> obs.setId("obs-" + i);
			case 1 -> obs.setId("Observation/" + i + "/_history/2"); // as an update hands it to the server's hooks
			default -> {}
		}
		// a third claim the profile they are written for, as the simulator's do (a draw of its own: the resources
		// above stay as they were)
		if (new Random(SEED * 7000 + i).nextInt(3) == 0) {
			obs.getMeta().addProfile(VALIDATOR.profileFor(obs).orElseThrow());
		}
		return obs;
	}

	private static <T> T pick(Random r, List<T> items) {
		return items.get(r.nextInt(items.size()));
	}

}
