package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.trialfhir.derive.Records.at;
import static org.trialfhir.derive.Records.ecrf;
import static org.trialfhir.derive.Records.infusion;
import static org.trialfhir.derive.Records.map;
import static org.trialfhir.derive.Records.procedure;
import static org.trialfhir.derive.Records.quantity;
import static org.trialfhir.derive.Records.subject;
import static org.trialfhir.derive.Records.urine;
import static org.trialfhir.derive.Records.ventilation;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.trialfhir.scoring.Analyte;
import org.trialfhir.scoring.ArterialGas;
import org.trialfhir.scoring.DayInputs;
import org.trialfhir.scoring.DrugExposure;
import org.trialfhir.scoring.Flag;
import org.trialfhir.scoring.Measurement;
import org.trialfhir.scoring.OperativeStatus;
import org.trialfhir.scoring.OrganSupport;
import org.trialfhir.scoring.PatientFacts;
import org.trialfhir.scoring.Recorded;
import org.trialfhir.scoring.SiteSettings;
import org.trialfhir.scoring.UrineOutput;
import org.trialfhir.scoring.Vasopressor;
import org.trialfhir.scoring.VasopressorInfusion;
import org.trialfhir.units.UnitConverter;

/** FHIR resources → scoring inputs; every expected value is converted by hand from the docs/scores-spec.md §2 factors. */
class FhirInputMapperTest {

	private static DayInputs day(InputTimeline timeline, int day) {
		return DayAssembler.assemble(timeline, subject(), day);
	}

	@Test
	void japanesePlateletsInTenToTheFourthPerMicrolitreBecomeTenToTheNinthPerLitre() {
		// 12.0 x10^4/uL = 12.0 x 10^4 x 10^6 /L = 120 x 10^9/L
		InputTimeline t = map(List.of(quantity("plt", "777-3", "12.0", "10*4/uL", at(3))));
		assertThat(day(t, 1).all(Analyte.PLATELETS)).singleElement().satisfies(m -> {
			assertThat(m.value()).isEqualTo(120.0);
			assertThat(m.time()).isEqualTo(at(3));
			assertThat(m.sources()).containsExactly("Observation/plt");
		});
	}

	@Test
	void onlyFinalAmendedAndCorrectedCountUnlessTheSiteAllowsPreliminary() {
		Observation amended = quantity("a", "6690-2", "10", "10*9/L", at(1));
		amended.setStatus(Observation.ObservationStatus.AMENDED);
		Observation preliminary = quantity("p", "6690-2", "11", "10*9/L", at(2));
		preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);
		Observation wrong = quantity("e", "6690-2", "12", "10*9/L", at(3));
		wrong.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
		List<Observation> wbc = List.of(amended, preliminary, wrong);

		assertThat(day(map(wbc), 1).all(Analyte.WBC)).extracting(Measurement::value).containsExactly(10.0);

		SubjectContext allowing = subject(SiteSettings.DEFAULTS, true);
		DayInputs in = DayAssembler.assemble(map(allowing, wbc, List.of(), List.of()), allowing, 1);
		assertThat(in.all(Analyte.WBC)).extracting(Measurement::value, Measurement::preliminary)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(10.0, false),
						org.assertj.core.groups.Tuple.tuple(11.0, true));
	}

	@Test
	void aUnitNotOnTheListIsRejectedOnItsOwnDayOnly() {
		InputTimeline t = map(List.of(quantity("bad", "777-3", "120", "mg", at(30))));
		assertThat(day(t, 1).rejected()).isEmpty();
		assertThat(day(t, 2).rejected()).singleElement().satisfies(r -> {
			assertThat(r.variableId()).isEqualTo("platelets");
			assertThat(r.source()).isEqualTo("Observation/bad");
		});
		assertThat(day(t, 2).all(Analyte.PLATELETS)).isEmpty();
		assertThat(t.dataDays(subject())).containsExactly(2); // a rejected value still makes the day visible
	}

	@Test
	void aNonUcumUnitSystemIsRejected() {
		Observation o = quantity("x", "8867-4", "90", "/min", at(1));
		o.getValueQuantity().setSystem("http://example.org/units");
		assertThat(day(map(List.of(o)), 1).rejected()).singleElement()
				.satisfies(r -> assertThat(r.reason()).contains("not UCUM"));
	}

	@Test
	void aStrictComparatorIsABoundJustBelowAndMarked() {
		Observation fdp = quantity("fdp", "30226-5", "2.5", "ug/mL", at(1));
		fdp.getValueQuantity().setComparator(Quantity.QuantityComparator.LESS_THAN);
		// "<2.5" scores as 2.5 - 1e-6 = 2.499999 (D21)
		assertThat(day(map(List.of(fdp)), 1).all(Analyte.FDP)).singleElement().satisfies(m -> {
			assertThat(m.value()).isEqualTo(2.499999);
			assertThat(m.comparatorUsed()).isTrue();
		});
	}

	@Test
	void aDataAbsentReasonIsMissingNotNormalAndNotRejected() {
		Observation o = Records.observation("absent", new Coding(Records.LOINC, "1975-2", null), at(1));
		o.setDataAbsentReason(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", null)));
		DayInputs in = day(map(List.of(o)), 1);
		assertThat(in.all(Analyte.BILIRUBIN)).isEmpty();
		assertThat(in.rejected()).isEmpty();
	}

	@Test
	void gasMembersWithOneTimeFormOneGasWithTheSupportThatCoversIt() {
		// PaO2 9.0 kPa x 7.50062 = 67.50558 mmHg; PaCO2 4.0 kPa = 30.00248; FiO2 40 % = 0.4
		List<Observation> gas = List.of(quantity("pao2", "2703-7", "9.0", "kPa", at(5)),
				quantity("paco2", "2019-8", "4.0", "kPa", at(5)), quantity("ph", "2744-1", "7.30", "[pH]", at(5)),
				quantity("fio2", "3150-0", "40", "%", at(5)));
		InputTimeline ventilated = map(subject(), gas, List.of(ventilation("mv", at(4), at(6))), List.of());
		assertThat(day(ventilated, 1).gases()).singleElement().satisfies(g -> {
			assertThat(g.pao2().value()).isEqualTo(67.50558);
			assertThat(g.pao2().chartedKpa()).isEqualTo(9.0); // kept for SOFA-2's own factor 7.5 (E17)
			assertThat(g.paco2().value()).isEqualTo(30.00248);
			assertThat(g.ph().value()).isEqualTo(7.30);
			assertThat(g.fio2().value()).isEqualTo(0.4);
			assertThat(g.onSupport()).isTrue();
		});
		InputTimeline ventilatedLater = map(subject(), gas, List.of(ventilation("mv", at(6), null)), List.of());
		assertThat(day(ventilatedLater, 1).gases()).extracting(ArterialGas::onSupport).containsExactly(false);
		assertThat(day(map(gas), 1).gases()).extracting(ArterialGas::onSupport).containsExactly((Boolean) null);
	}

	@Test
	void membersOfAPanelTakeThePanelTime() {
		Observation panel = Records.observation("abg", new Coding(Records.LOINC, "24336-0", null), at(7));
		panel.addHasMember(new Reference("Observation/pao2")).addHasMember(new Reference("Observation/fio2"));
		Observation pao2 = quantity("pao2", "2703-7", "80", "mm[Hg]", null);
		Observation fio2 = quantity("fio2", "3150-0", "0.5", "1", at(7.1));
		assertThat(day(map(List.of(pao2, panel, fio2)), 1).gases()).singleElement().satisfies(g -> {
			assertThat(g.time()).isEqualTo(at(7));
			assertThat(g.pao2().value()).isEqualTo(80.0);
			assertThat(g.pao2().chartedKpa()).isNull(); // charted in mm[Hg]
			assertThat(g.fio2().value()).isEqualTo(0.5);
		});
	}

	@Test
	void bloodPressurePanelComponentsAreSystolicAndDiastolic() {
		Observation bp = Records.observation("bp", new Coding(Records.LOINC, "85354-9", null), at(2));
		bp.addComponent().setCode(new CodeableConcept(new Coding(Records.LOINC, "8480-6", null)))
				.setValue(new Quantity().setValue(90).setSystem(Records.UCUM).setCode("mm[Hg]"));
		bp.addComponent().setCode(new CodeableConcept(new Coding(Records.LOINC, "8462-4", null)))
				.setValue(new Quantity().setValue(45).setSystem(Records.UCUM).setCode("mm[Hg]"));
		DayInputs in = day(map(List.of(bp)), 1);
		assertThat(in.all(Analyte.SBP)).extracting(Measurement::value).containsExactly(90.0);
		assertThat(in.all(Analyte.DBP)).extracting(Measurement::value).containsExactly(45.0);
	}

	@Test
	void urineOutputNeedsAPeriodAndMayCoverTwoDays() {
		InputTimeline t = map(List.of(urine("u1", "1.2", "L", at(20), at(28))));
		// 1.2 L = 1200 mL over hours 20-28: days 1 and 2
		assertThat(day(t, 2).urineOutputs()).singleElement()
				.isEqualTo(new UrineOutput(at(20), at(28), 1200, "Observation/u1"));
		assertThat(t.dataDays(subject())).containsExactly(1, 2);
		Observation instantOnly = quantity("u2", "9187-6", "300", "mL", at(3));
		assertThat(day(map(List.of(instantOnly)), 1).rejected()).singleElement()
				.satisfies(r -> assertThat(r.variableId()).isEqualTo("urine_output"));
	}

	@Test
	void vasopressorRatesInMicrogramsPerKilogramPerMinuteOrAMassRateWithTheWeight() {
		Observation weight = quantity("wt", "29463-7", "50", "kg", at(0.5));
		// 0.6 mg/h = 600 ug/h = 10 ug/min; / 50 kg = 0.2 ug/kg/min
		InputTimeline t = map(subject(), List.of(weight), List.of(), List.of(
				infusion("ne", "1745276", "0.12", "ug/kg/min", at(1), at(5)),
				infusion("dop", "3628", "0.6", "mg/h", at(2), null)));
		assertThat(day(t, 1).vasopressors()).containsExactly(
				new VasopressorInfusion(Vasopressor.NOREPINEPHRINE, 0.12, at(1), at(5), "MedicationAdministration/ne"),
				new VasopressorInfusion(Vasopressor.DOPAMINE, 0.2, at(2), null, "MedicationAdministration/dop"));
		assertThat(t.weightUsedBy).containsExactly(java.util.Map.entry("MedicationAdministration/dop", "Observation/wt"));
		assertThat(t.dataDays(subject())).as("infusions and weights alone make no day").isEmpty();

		InputTimeline noWeight = map(subject(), List.of(), List.of(), List.of(
				infusion("dop", "1743862", "0.6", "mg/h", at(2), at(4))));
		assertThat(day(noWeight, 1).vasopressors()).isEmpty();
		assertThat(day(noWeight, 1).rejected()).singleElement()
				.satisfies(r -> assertThat(r.variableId()).isEqualTo("vasopressor"));
	}

	@Test
	void aDrugThatIsNoSofaCatecholamineIsIgnored() {
		// vasopressin (RxNorm 11149) is not part of SOFA-1996
		InputTimeline t = map(subject(), List.of(), List.of(), List.of(
				infusion("avp", "11149", "0.03", "ug/kg/min", at(1), at(5))));
		assertThat(day(t, 1).vasopressors()).isEmpty();
		assertThat(day(t, 1).rejected()).isEmpty();
	}

	private static final String SCT = Fhir.SNOMED + "|";
	private static final String LOCAL = Sofa2InputReader.SUPPORT + "|";

	@Test
	void organSupportProceduresBecomeSofa2SupportsByCodeConfigurationAndIndication() {
		Procedure nonRenal = procedure("pmx", at(2), at(6), SCT + "714749008");
		nonRenal.addReasonCode(new CodeableConcept(new Coding(Sofa2InputReader.SUPPORT, "non-renal-indication", null)));
		Procedure cardiacVv = procedure("ecmo-c", at(1), null, SCT + "233573008", LOCAL + "ecmo-vv");
		cardiacVv.addReasonCode(new CodeableConcept(new Coding(Sofa2InputReader.SUPPORT, "cardiovascular-indication",
				null)));
		Procedure stopped = procedure("stopped", at(1), at(2), SCT + "40617009");
		stopped.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
		InputTimeline t = map(subject(), List.of(), List.of(
				procedure("hfnc", at(1), at(9), SCT + "426854004"),
				procedure("cpap", at(1), at(9), LOCAL + "cpap"),
				procedure("vent", at(1), null, SCT + "40617009"),
				procedure("vv", at(1), null, SCT + "233573008", LOCAL + "ecmo-vv"),
				procedure("va", at(1), null, LOCAL + "ecmo-va"),
				procedure("ecmo", at(1), null, SCT + "233573008"), cardiacVv,
				procedure("iabp", at(1), at(20), LOCAL + "iabp"),
				procedure("rvad", at(1), at(20), LOCAL + "rvad"),
				procedure("hd", at(3), at(7), SCT + "302497006"), nonRenal, stopped,
				procedure("appendix", at(3), at(4), SCT + "80146002")), List.of());
		assertThat(day(t, 1).supports()).extracting(OrganSupport::source, OrganSupport::kind).containsExactly(
				tuple("Procedure/hfnc", OrganSupport.Kind.ADVANCED_RESPIRATORY),
				tuple("Procedure/cpap", OrganSupport.Kind.ADVANCED_RESPIRATORY),
				tuple("Procedure/vent", OrganSupport.Kind.ADVANCED_RESPIRATORY),
				tuple("Procedure/vv", OrganSupport.Kind.ECMO_VENOVENOUS),
				tuple("Procedure/va", OrganSupport.Kind.ECMO_VENOARTERIAL),
				tuple("Procedure/ecmo", OrganSupport.Kind.ECMO_UNSPECIFIED),
				tuple("Procedure/ecmo-c", OrganSupport.Kind.ECMO_VENOARTERIAL),
				tuple("Procedure/iabp", OrganSupport.Kind.CIRCULATORY_SUPPORT),
				tuple("Procedure/rvad", OrganSupport.Kind.RIGHT_VENTRICULAR_ASSIST),
				tuple("Procedure/hd", OrganSupport.Kind.RENAL_REPLACEMENT),
				tuple("Procedure/pmx", OrganSupport.Kind.NON_RENAL_PURIFICATION));
		assertThat(day(t, 1).supports().get(2).end()).as("in progress: no end").isNull();
		// HFNC is advanced support for SOFA-2 only: SOFA-1's support status (D4) still comes from 40617009/428311008
		assertThat(t.support).extracting(SupportPeriod::source).containsExactly("Procedure/vent");
	}

	@Test
	void anOrganSupportWithoutAPeriodIsRejectedNotGuessed() {
		Procedure atInstant = procedure("rrt", at(2), at(3), SCT + "714749008");
		atInstant.setPerformed(new DateTimeType(Date.from(at(2))));
		InputTimeline t = map(subject(), List.of(), List.of(atInstant), List.of());
		assertThat(day(t, 1).supports()).isEmpty();
		assertThat(day(t, 1).rejected()).singleElement().satisfies(r -> {
			assertThat(r.variableId()).isEqualTo("organ_support");
			assertThat(r.reason()).contains("performedPeriod");
		});
		assertThat(org.trialfhir.scoring.Sofa2.score(day(t, 1)).flags()).contains(Flag.INPUT_REJECTED);
	}

	@Test
	void sedativesDeliriumDrugsAndOtherVasoactivesBySofa2Role() {
		MedicationAdministration haloperidol = infusion("halo", "5093", "5", "mg", at(22), null);
		haloperidol.setEffective(new DateTimeType(Date.from(at(22))));
		InputTimeline t = map(subject(), List.of(), List.of(), List.of(
				infusion("prop", "8782", "20", "mL/h", at(1), null),
				infusion("avp", "11149", "0.03", "U/min", at(2), at(8)),
				infusion("avp0", "11149", "0", "U/min", at(8), at(10)), haloperidol,
				infusion("ne", "7512", "0.1", "ug/kg/min", at(1), at(3))));
		assertThat(day(t, 1).drugs()).containsExactly(
				new DrugExposure(DrugExposure.Kind.SEDATIVE_INFUSION, "propofol", at(1), null,
						"MedicationAdministration/prop"),
				new DrugExposure(DrugExposure.Kind.OTHER_VASOACTIVE, "vasopressin", at(2), at(8),
						"MedicationAdministration/avp"),
				new DrugExposure(DrugExposure.Kind.DELIRIUM_DRUG, "haloperidol", at(22), at(22),
						"MedicationAdministration/halo"));
		// a vasopressin infusion without a rate: rejected (rate 0 above is a stopped pump, simply not counted)
		MedicationAdministration noRate = infusion("avp", "11149", "1", "U/min", at(2), at(8));
		noRate.getDosage().setRate(null);
		InputTimeline rejected = map(subject(), List.of(), List.of(), List.of(noRate));
		assertThat(day(rejected, 1).drugs()).isEmpty();
		assertThat(day(rejected, 1).rejected()).singleElement()
				.satisfies(r -> assertThat(r.variableId()).isEqualTo("sofa2_drug"));
		// a negative rate is an error, not a stopped pump
		InputTimeline negative = map(subject(), List.of(), List.of(), List.of(
				infusion("avp", "11149", "-0.03", "U/min", at(2), at(8))));
		assertThat(day(negative, 1).drugs()).isEmpty();
		assertThat(day(negative, 1).rejected()).singleElement()
				.satisfies(r -> assertThat(r.reason()).contains("negative"));
	}

	@Test
	void spo2MotorScoreVenousPhWeightAndChronicDialysisReachTheDay() {
		InputTimeline t = map(List.of(quantity("sat", "59408-5", "93", "%", at(2)),
				quantity("motor", "9268-4", "5", "{score}", at(3)), quantity("vph", "2746-6", "7.18", "[pH]", at(4)),
				quantity("wt", "29463-7", "82", "kg", at(-30)), ecrf("hd", "chronic-dialysis", true, at(-40))));
		DayInputs in = day(t, 1);
		assertThat(in.all(Analyte.SPO2)).extracting(Measurement::value).containsExactly(93.0);
		assertThat(in.all(Analyte.GCS_MOTOR)).extracting(Measurement::value).containsExactly(5.0);
		assertThat(in.all(Analyte.PH_VENOUS)).extracting(Measurement::value).containsExactly(7.18);
		assertThat(in.all(Analyte.WEIGHT_KG)).extracting(Measurement::value).containsExactly(82.0);
		assertThat(in.patient().chronicDialysis().value()).isTrue();
		assertThat(in.patient().chronicDialysis().source()).isEqualTo("Observation/hd");
	}

	@Test
	void aSiteProductCodeBesideTheRxNormCodeIsKeptForTheNorepinephrineSalt() {
		MedicationAdministration ne = infusion("ne", "7512", "0.8", "ug/kg/min", at(1), at(3));
		ne.getMedicationCodeableConcept().addCoding(new Coding("http://hospital.example/formulary", "NE-BIT", null));
		assertThat(day(map(subject(), List.of(), List.of(), List.of(ne)), 1).vasopressors())
				.extracting(VasopressorInfusion::productCodes).containsExactly(java.util.Set.of("NE-BIT"));
	}

	@Test
	void admissionWeightInKgAndCeilingOfTreatmentOnlyOnItsOwnDay() {
		Observation weight = Records.observation("adm", new Coding(Fhir.ECRF, "admission-weight", null), at(-2));
		weight.setValue(new Quantity().setValue(new BigDecimal("81.5")).setSystem(Fhir.UCUM).setCode("kg"));
		InputTimeline t = map(List.of(weight, ecrf("cot", "ceiling-of-treatment", true, at(30))));
		assertThat(day(t, 1).patient().admissionWeightKg()).isEqualTo(Recorded.of(81.5, "Observation/adm"));
		// recorded at 30 h = day 2: day 1 and day 3 do not see it
		assertThat(day(t, 1).patient().ceilingOfTreatment()).isNull();
		assertThat(day(t, 2).patient().ceilingOfTreatment()).isEqualTo(Recorded.of(true, "Observation/cot"));
		assertThat(day(t, 3).patient().ceilingOfTreatment()).isNull();
		// a weight in [lb_av] is not a kg weight: not recorded
		weight.setValue(new Quantity().setValue(new BigDecimal("180")).setSystem(Fhir.UCUM).setCode("[lb_av]"));
		assertThat(day(map(List.of(weight)), 1).patient().admissionWeightKg()).isNull();
	}

	@Test
	void ecrfItemsApplyFromTheDayTheyAreRecordedAndTheLatestWins() {
		Observation operative = Records.observation("op", new Coding(Fhir.ECRF, "operative-status", null), at(1));
		operative.setValue(new CodeableConcept(new Coding(Fhir.ECRF, "emergency-postoperative", null)));
		InputTimeline t = map(List.of(ecrf("ud", "underlying-disease", true, at(2)), operative,
				ecrf("bl1", "bleeding", false, at(3)), ecrf("bl2", "bleeding", true, at(30))));
		PatientFacts day1 = day(t, 1).patient();
		assertThat(day1.underlyingDisease().value()).isTrue();
		assertThat(day1.underlyingDisease().source()).isEqualTo("Observation/ud");
		assertThat(day1.operativeStatus().value()).isEqualTo(OperativeStatus.EMERGENCY_POSTOPERATIVE);
		assertThat(day1.bleeding().value()).isFalse();
		assertThat(day(t, 2).patient().bleeding().value()).isTrue();
		assertThat(day1.liverCirrhosis()).isNull();
		assertThat(t.dataDays(subject())).as("eCRF items alone make no day").isEmpty();
	}

	@Test
	void ageInCompletedYearsOnTheDateTheDayStartsInTheOffsetOfT0() {
		// T0 2026-03-01T09:00+09:00; born 1950-03-01 -> 76 on day 1. One day earlier birth date, 1950-03-02:
		// day 1 starts 2026-03-01 (local) -> 75; day 2 starts 2026-03-02 -> 76.
		SubjectContext s = new SubjectContext("s1", "p1", Records.T0, java.time.ZoneOffset.ofHours(9),
				java.time.LocalDate.of(1950, 3, 2), null, SiteSettings.DEFAULTS, false);
		InputTimeline t = map(s, List.of(), List.of(), List.of());
		assertThat(DayAssembler.facts(t, s, 1).ageYears()).isEqualTo(75);
		assertThat(DayAssembler.facts(t, s, 2).ageYears()).isEqualTo(76);
		// in UTC day 2 would start 2026-03-01T23:00Z... no: T0 is 00:00Z, so the local offset must move the date:
		SubjectContext lateT0 = new SubjectContext("s1", "p1", java.time.Instant.parse("2026-03-01T16:00:00Z"),
				java.time.ZoneOffset.ofHours(9), java.time.LocalDate.of(1950, 3, 2), null, SiteSettings.DEFAULTS,
				false);
		// 2026-03-01T16:00Z is 2026-03-02T01:00+09:00: day 1 starts on 03-02 local -> 76 (UTC date would give 75)
		assertThat(DayAssembler.facts(t, lateT0, 1).ageYears()).isEqualTo(76);
	}

	@Test
	void dayOneStartsAtT0AndAnInstantAtTwentyFourHoursIsDayTwo() {
		InputTimeline t = map(List.of(quantity("before", "8867-4", "90", "/min", at(-1)),
				quantity("edge", "8867-4", "95", "/min", at(24))));
		assertThat(t.dataDays(subject())).containsExactly(2);
		assertThat(day(t, 2).all(Analyte.HEART_RATE)).extracting(Measurement::value).contains(95.0);
	}

	@Test
	void storedDerivedScoresAreKeptByIdentifierAndGiveNoData() {
		Observation derived = Records.observation("ds", new Coding(DerivedObservations.SCORE_SYSTEM, "sofa", null),
				null);
		derived.addIdentifier().setSystem(DerivedObservations.IDENTIFIER_SYSTEM).setValue("s1-sofa-1");
		derived.setValue(new org.hl7.fhir.r4.model.IntegerType(7));
		derived.setEffective(new org.hl7.fhir.r4.model.Period().setStart(Date.from(at(0))).setEnd(Date.from(at(24))));
		InputTimeline t = FhirInputMapper.map(subject(),
				new PatientRecords(List.of(), List.of(), List.of(), List.of(derived)), UnitConverter.standard());
		assertThat(t.derived).containsOnlyKeys("s1-sofa-1");
		assertThat(t.dataDays(subject())).isEmpty();
	}
}
