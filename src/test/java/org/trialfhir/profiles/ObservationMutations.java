package org.trialfhir.profiles;

import static org.trialfhir.profiles.SharedValidator.VALIDATOR;
import static org.trialfhir.profiles.TrialCanonicals.*;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.units.TrialVariable;

/**
 * The broken rules of {@link ObservationFastPathDifferentialTest}: each a change that may make a valid trial write
 * invalid, applied alone and in pairs.
 */
final class ObservationMutations {

	static final String DAR = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

	record Mutation(String name, Consumer<Observation> apply) {}

	private ObservationMutations() {}

	/** Every rule of the trial profiles broken alone, in a fixed order (the test draws pairs of them by a seed). */
	static List<Mutation> all() {
		return List.of(
				new Mutation("no status", o -> o.setStatusElement(null)),
				new Mutation("status entered-in-error", o -> o.setStatus(Observation.ObservationStatus.ENTEREDINERROR)),
				new Mutation("status with an extension", o -> o.getStatusElement()
						.addExtension("http://example.org/why", new StringType("x"))),
				new Mutation("no category", o -> o.getCategory().clear()),
				new Mutation("empty category", o -> {
					o.getCategory().clear();
					o.addCategory(new CodeableConcept());
				}),
				new Mutation("the other category", o -> o.getCategoryFirstRep().getCodingFirstRep().setCode(
						"vital-signs".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode())
								? "laboratory" : "vital-signs")),
				new Mutation("an unknown category code", o -> o.getCategoryFirstRep().getCodingFirstRep().setCode("x")),
				new Mutation("a second category", o -> o.addCategory(new CodeableConcept(
						new Coding(OBSERVATION_CATEGORY, "survey", null)))),
				new Mutation("category coding twice", o -> o.getCategoryFirstRep().addCoding(
						o.getCategoryFirstRep().getCodingFirstRep().copy())),
				new Mutation("a code outside the ValueSet", o -> o.getCode().getCodingFirstRep().setCode("2345-7")),
				new Mutation("an unknown trial-lab code", o -> o.getCode().getCodingFirstRep().setSystem(CS_TRIAL_LAB)
						.setCode("nonsense")),
				new Mutation("a second, local coding", o -> o.getCode().addCoding(
						new Coding("http://hospital.example/codes", "HR1", "local"))),
				new Mutation("a second, unknown LOINC coding", o -> o.getCode().addCoding(
						new Coding(LOINC, "99999-9", null))),
				new Mutation("a code without system", o -> o.getCode().getCodingFirstRep().setSystem(null)),
				new Mutation("a code display with spaces around", o -> o.getCode().getCodingFirstRep()
						.setDisplay(" heart rate ")),
				new Mutation("a wrong code display", o -> o.getCode().getCodingFirstRep().setDisplay("Glucose")),
				new Mutation("no subject", o -> o.setSubject(null)),
				new Mutation("a Group subject", o -> o.setSubject(new Reference("Group/g1"))),
				new Mutation("an absolute subject", o -> o.setSubject(new Reference("http://other.example/Patient/1"))),
				new Mutation("a subject by identifier", o -> o.setSubject(new Reference()
						.setIdentifier(new Identifier().setSystem("http://h.example/mrn").setValue("1")))),
				new Mutation("a contained subject", o -> {
					o.addContained(new Patient().setId("p"));
					o.setSubject(new Reference("#p"));
				}),
				new Mutation("no effective", o -> o.setEffective(null)),
				new Mutation("effective without time zone", o -> o.setEffective(new DateTimeType("2026-03-01T09:10:00"))),
				new Mutation("effective a date", o -> o.setEffective(new DateTimeType("2026-03-01"))),
				new Mutation("effective a year", o -> o.setEffective(new DateTimeType("1890"))),
				new Mutation("a reversed period", o -> o.setEffective(period("2026-03-02T09:10:00Z", "2026-03-01T09:10:00Z"))),
				new Mutation("a period without start", o -> o.setEffective(new Period()
						.setEndElement(new DateTimeType("2026-03-01T09:10:00Z")))),
				new Mutation("a period with an end", o -> o.setEffective(period("2026-03-01T09:10:00+09:00", "2026-03-01T09:10:00Z"))),
				new Mutation("a period ending when it starts", o -> o.setEffective(period("2026-03-01T09:10:00+09:00", "2026-03-01T00:10:00Z"))),
				new Mutation("a period ending a second before it starts", o -> o.setEffective(period("2026-03-01T09:10:00+09:00", "2026-03-01T00:09:59Z"))),
				new Mutation("a period ending at another precision", o -> o.setEffective(period("2026-03-01T09:10:00Z", "2026-03-02"))),
				new Mutation("a period ending in another fraction", o -> o.setEffective(period("2026-03-01T09:10:00.250Z", "2026-03-01T09:10:00.5Z"))),
				new Mutation("a period with a malformed end", o -> o.setEffective(period("2026-03-01T09:10:00Z", "2026-03-02T09:10:00"))),
				new Mutation("effective an instant", o -> o.setEffective(new InstantType("2026-03-01T09:10:00Z"))),
				new Mutation("no value and no dataAbsentReason", o -> {
					o.setValue(null);
					o.setDataAbsentReason(null);
				}),
				new Mutation("value and dataAbsentReason", o -> {
					if (!o.hasValue()) {
						o.setValue(new Quantity(1).setSystem(UCUM).setCode(ownUnit(o)));
					}
					o.setDataAbsentReason(new CodeableConcept(new Coding(DAR, "error", null)));
				}),
				new Mutation("an unknown dataAbsentReason", o -> {
					o.setValue(null);
					o.setDataAbsentReason(new CodeableConcept(new Coding(DAR, "zzz", null)));
				}),
				new Mutation("a dataAbsentReason as text", o -> {
					o.setValue(null);
					o.setDataAbsentReason(new CodeableConcept().setText("not measured"));
				}),
				new Mutation("no quantity value", o -> quantity(o).setValue(null)),
				new Mutation("no quantity system", o -> quantity(o).setSystem(null)),
				new Mutation("another quantity system", o -> quantity(o).setSystem("http://example.org/units")),
				new Mutation("no quantity code", o -> quantity(o).setCode(null)),
				new Mutation("another variable's unit", o -> quantity(o).setCode(otherVariablesUnit(o))),
				new Mutation("a unit that is no UCUM", o -> quantity(o).setCode("bpm")),
				new Mutation("a unit in the wrong case", o -> quantity(o).setCode(ownUnit(o).toUpperCase(Locale.ROOT))),
				new Mutation("an empty unit text", o -> quantity(o).setUnit("")),
				new Mutation("a comparator", o -> quantity(o).setComparator(Quantity.QuantityComparator.LESS_THAN)),
				new Mutation("a string value", o -> o.setValue(new StringType("80"))),
				new Mutation("an integer value", o -> o.setValue(new IntegerType(80))),
				new Mutation("a CodeableConcept value", o -> o.setValue(new CodeableConcept().setText("high"))),
				new Mutation("an unknown extension", o -> o.addExtension("http://example.org/x", new StringType("y"))),
				new Mutation("a study day as string", o -> {
					o.getExtension().removeIf(e -> EXT_STUDY_DAY.equals(e.getUrl()));
					o.addExtension(EXT_STUDY_DAY, new StringType("3"));
				}),
				new Mutation("two study days", o -> {
					o.addExtension(EXT_STUDY_DAY, new IntegerType(1));
					o.addExtension(EXT_STUDY_DAY, new IntegerType(2));
				}),
				new Mutation("a study day without value", o -> o.addExtension(new Extension(EXT_STUDY_DAY))),
				new Mutation("a modifier extension", o -> o.addModifierExtension(
						new Extension("http://example.org/m", new StringType("y")))),
				new Mutation("narrative", o -> {
					var text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
					text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>");
					o.setText(text);
				}),
				new Mutation("a relative identifier system", o -> o.addIdentifier(
						new Identifier().setSystem("local").setValue("1"))),
				new Mutation("an identifier without value", o -> o.addIdentifier(
						new Identifier().setSystem("http://h.example/id"))),
				new Mutation("an identifier system a bad OID", o -> o.addIdentifier(
						new Identifier().setSystem("urn:oid:1.2.03.x").setValue("1"))),
				new Mutation("an identifier system an upper-case UUID", o -> o.addIdentifier(new Identifier()
						.setSystem("urn:uuid:6E1A0B7C-3F2D-4E5A-9B8C-7D6E5F4A3B2C").setValue("1"))),
				new Mutation("an identifier system a UUID", o -> o.addIdentifier(new Identifier()
						.setSystem("urn:uuid:6e1a0b7c-3f2d-4e5a-9b8c-7d6e5f4a3b2c").setValue("1"))),
				new Mutation("a meta source", o -> o.getMeta().setSource("http://hospital.example/feed#42")),
				new Mutation("a meta source a bad OID", o -> o.getMeta().setSource("urn:oid:abc")),
				new Mutation("a wrong category display", o -> o.getCategoryFirstRep().getCodingFirstRep()
						.setDisplay("Something else")),
				new Mutation("a category text", o -> o.getCategoryFirstRep().setText("Labs")),
				new Mutation("an identifier with use", o -> o.addIdentifier(new Identifier()
						.setUse(Identifier.IdentifierUse.OFFICIAL).setSystem("http://h.example/id").setValue("1"))),
				new Mutation("a claimed profile", o -> o.getMeta().addProfile(TRIAL_LAB_RESULT)),
				new Mutation("its own profile claimed", o -> {
					o.getMeta().getProfile().clear();
					claimOwn(o, "");
				}),
				new Mutation("the other trial profile claimed", o -> o.getMeta().addProfile(
						TRIAL_LAB_RESULT.equals(VALIDATOR.profileFor(o).orElse(null)) ? TRIAL_VITAL_SIGN
								: TRIAL_LAB_RESULT)),
				new Mutation("its own profile claimed twice", o -> {
					claimOwn(o, "");
					claimOwn(o, "");
				}),
				new Mutation("its own profile claimed with a version", o -> claimOwn(o, "|0.1.0")),
				new Mutation("its own profile and the eCRF item's claimed", o -> {
					claimOwn(o, "");
					o.getMeta().addProfile(TRIAL_ECRF_ITEM);
				}),
				new Mutation("a non-trial profile claimed", o -> o.getMeta().addProfile(
						"http://hl7.org/fhir/StructureDefinition/vitalsigns")),
				new Mutation("an unknown profile claimed", o -> o.getMeta().addProfile("http://example.org/Unknown")),
				new Mutation("a study day as decimal", o -> {
					o.getExtension().removeIf(e -> EXT_STUDY_DAY.equals(e.getUrl()));
					o.addExtension(EXT_STUDY_DAY, new org.hl7.fhir.r4.model.DecimalType("3"));
				}),
				new Mutation("a component", o -> o.addComponent().setCode(o.getCode().copy())),
				new Mutation("a note", o -> o.addNote(new Annotation().setText("re-measured"))),
				new Mutation("an encounter", o -> o.setEncounter(new Reference("Encounter/e1"))),
				new Mutation("an issued instant", o -> o.setIssuedElement(new InstantType("2026-03-01T09:10:00Z"))),
				new Mutation("a language", o -> o.setLanguage("ja")),
				new Mutation("a version id", o -> o.getMeta().setVersionId("3")),
				new Mutation("an id too long", o -> o.setId("x".repeat(65))),
				new Mutation("an id with a space", o -> o.setId("obs 1")),
				new Mutation("a code with a space", o -> o.getCode().getCodingFirstRep().setCode("8867 4")),
				new Mutation("an empty code text", o -> o.getCode().setText("")),
				new Mutation("a quantity coded in another code system", o -> o.setValue(new Quantity(1).setSystem(
						Enumerations.AdministrativeGender.MALE.getSystem()).setCode("male"))));
	}

	/** Adds a claim of the profile the Observation is checked against, with the suffix given. */
	private static void claimOwn(Observation obs, String suffix) {
		VALIDATOR.profileFor(obs).ifPresent(own -> obs.getMeta().addProfile(own + suffix));
	}

	/** The value as a Quantity, made one if it was absent. */
	private static Quantity quantity(Observation obs) {
		if (!obs.hasValueQuantity()) {
			obs.setDataAbsentReason(null);
			obs.setValue(new Quantity(1).setSystem(UCUM).setCode(ownUnit(obs)));
		}
		return obs.getValueQuantity();
	}

	/** The canonical unit of the Observation's variable ("1" once a mutation took its trial code away). */
	private static String ownUnit(Observation obs) {
		return UnitRule.find(obs.getCode()).map(m -> m.variable().canonicalUnit()).orElse("1");
	}

	private static String otherVariablesUnit(Observation obs) {
		List<String> own = UnitRule.find(obs.getCode()).map(m -> m.variable().acceptedUnits()).orElse(List.of());
		return List.of(TrialVariable.values()).stream().flatMap(v -> v.acceptedUnits().stream())
				.filter(u -> !own.contains(u)).findFirst().orElseThrow();
	}

	private static Period period(String start, String end) {
		return new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
	}
}
