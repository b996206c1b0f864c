package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.gas;
import static org.trialfhir.scoring.Days.hour;
import static org.trialfhir.scoring.Days.infusion;
import static org.trialfhir.scoring.Days.m;
import static org.trialfhir.scoring.Days.urine;
import static org.trialfhir.scoring.Days.with;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trialfhir.scoring.DrugExposure.Kind;

/**
 * Expected points from docs/scores-spec.md §14 (SOFA-2, JAMA 2025 Table 2 and footnotes), worked by hand in each
 * case. Times are hours after the day's start (T0); negative hours are the previous days.
 */
class Sofa2Test {

	private static int ids;

	static OrganSupport support(OrganSupport.Kind kind, double from, Double to) {
		return new OrganSupport(kind, hour(from), to == null ? null : hour(to), "Procedure/s" + ++ids);
	}

	static DrugExposure drug(Kind kind, String agent, double from, Double to) {
		return new DrugExposure(kind, agent, hour(from), to == null ? null : hour(to), "MedicationAdministration/d" + ++ids);
	}

	static DrugExposure dose(Kind kind, String agent, double at) {
		return drug(kind, agent, at, at);
	}

	private static Integer component(DayInputs in, String name) {
		return Sofa2.score(in).components().get(name);
	}

	// --- hemostasis, liver, kidney (creatinine): every boundary of Table 2, both sides ---

	@ParameterizedTest(name = "platelets {0} -> {1}")
	@CsvSource({"150.000001, 0", "150, 1", "100.000001, 1", "100, 2", "80.000001, 2", "80, 3", "50.000001, 3", "50, 4",
		"20, 4"})
	void hemostasisIsClosedAtTheTopOfEachBand(double platelets, int expected) {
		assertThat(component(with(Analyte.PLATELETS, platelets), "hemostasis")).isEqualTo(expected);
	}

	@Test
	void hemostasisTakesTheLowestCount() {
		// 180 -> 0, 79 -> 3 (50 < 79 <= 80), 120 -> 1: the lowest count decides
		assertThat(component(with(Analyte.PLATELETS, 180, 79, 120), "hemostasis")).isEqualTo(3);
	}

	@ParameterizedTest(name = "bilirubin {0} mg/dL -> {1}")
	@CsvSource({"1.2, 0", "1.200001, 1", "3.0, 1", "3.000001, 2", "6.0, 2", "6.000001, 3", "12.0, 3", "12.000001, 4"})
	void liverIsClosedAtTheTopOfEachBand(double bilirubin, int expected) {
		assertThat(component(with(Analyte.BILIRUBIN, bilirubin), "liver")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "creatinine {0} mg/dL -> {1}")
	@CsvSource({"1.2, 0", "1.200001, 1", "2.0, 1", "2.000001, 2", "3.5, 2", "3.500001, 3", "8.0, 3"})
	void kidneyFromCreatinineReachesThreeAtMost(double creatinine, int expected) {
		// 4 needs RRT or the RRT criteria; creatinine alone stops at 3 (no potassium, no pH here)
		assertThat(component(with(Analyte.CREATININE, creatinine), "kidney")).isEqualTo(expected);
	}

	// --- brain ---

	@ParameterizedTest(name = "GCS {0} -> {1}")
	@CsvSource({"15, 0", "14, 1", "13, 1", "12, 2", "9, 2", "8, 3", "6, 3", "5, 4", "3, 4"})
	void brainFromTheLowestGcs(double gcs, int expected) {
		assertThat(component(with(Analyte.GCS, gcs), "brain")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "motor M{0} -> {1}")
	@CsvSource({"6, 0", "5, 1", "4, 2", "3, 3", "2, 4", "1, 4"})
	void bestMotorResponseWhenTheFullGcsCannotBeAssessed(double motor, int expected) {
		assertThat(component(with(Analyte.GCS_MOTOR, motor), "brain")).isEqualTo(expected);
	}

	@Test
	void aMotorScoreBesideATotalAtTheSameTimeIsPartOfThatTotal() {
		// GCS 14 (-> 1) charted with its motor M5 at 02:00: the total decides, 1 (the M5 alone would also be 1,
		// so use M3 to tell them apart: M3 alone would be 3)
		DayInputs in = day().add(Analyte.GCS, m(14, 2)).add(Analyte.GCS_MOTOR, m(3, 2)).build();
		assertThat(component(in, "brain")).isEqualTo(1);
	}

	@Test
	void deliriumDrugGivesAtLeastOneEvenWithGcsFifteen() {
		DayInputs in = day().add(Analyte.GCS, m(15, 2)).drug(dose(Kind.DELIRIUM_DRUG, "haloperidol", 22)).build();
		Sofa2Result r = Sofa2.score(in);
		assertThat(r.components().get("brain")).isEqualTo(1); // max(GCS 15 -> 0, delirium 1)
		assertThat(r.sources()).anyMatch(s -> s.startsWith("MedicationAdministration/"));
		// and without any GCS the drug alone still gives 1, not missing
		assertThat(component(day().drug(dose(Kind.DELIRIUM_DRUG, "quetiapine", 3)).build(), "brain")).isEqualTo(1);
		// a dose given the day before does not count: missing
		assertThat(component(day().drug(dose(Kind.DELIRIUM_DRUG, "quetiapine", -3)).build(), "brain")).isNull();
	}

	@Test
	void gcsDuringSedationIsIgnoredAndTheLastGcsBeforeTheEpisodeIsCarried() {
		// GCS 14 at -30 h (before an earlier episode), sedation -28..-20 h, GCS 10 at -18 h (unsedated),
		// propofol again from -10 h still running; GCS 3 at 05:00 is inside sedation -> ignored.
		// The current episode started at -10 h: last unsedated GCS before it is 10 (at -18 h) -> 9 <= 10 <= 12 -> 2
		DayInputs in = day().add(Analyte.GCS, m(14, -30)).add(Analyte.GCS, m(10, -18)).add(Analyte.GCS, m(3, 5))
				.drug(drug(Kind.SEDATIVE_INFUSION, "propofol", -28, -20.0))
				.drug(drug(Kind.SEDATIVE_INFUSION, "propofol", -10, null)).build();
		Sofa2Result r = Sofa2.score(in);
		assertThat(r.components().get("brain")).isEqualTo(2);
		assertThat(r.flags()).contains(Flag.PRESEDATION_GCS_USED);
	}

	@Test
	void sedatedWithNoEarlierGcsScoresZeroNotMissing() {
		DayInputs in = day().add(Analyte.GCS, m(3, 4)).drug(drug(Kind.SEDATIVE_INFUSION, "midazolam", -40, null))
				.build();
		assertThat(component(in, "brain")).isEqualTo(0); // footnote c: unknown pre-sedation GCS -> 0
	}

	@Test
	void aGcsAfterSedationEndsCountsAgain() {
		// sedation 00:00-06:00, GCS 8 at 10:00 unsedated -> 3; no GCS before the episode -> 0 for 00-06; max 3
		DayInputs in = day().add(Analyte.GCS, m(8, 10)).drug(drug(Kind.SEDATIVE_INFUSION, "propofol", 0, 6.0))
				.build();
		assertThat(component(in, "brain")).isEqualTo(3);
	}

	// --- respiratory ---

	@ParameterizedTest(name = "P/F {0} with support -> {1}, without -> {2}")
	@CsvSource({"300.000001, 0, 0", "300, 1, 1", "225.000001, 1, 1", "225, 2, 2", "150.000001, 2, 2", "150, 3, 2",
		"75.000001, 3, 2", "75, 4, 2", "40, 4, 2"})
	void pfBandsAndTheCapWithoutAdvancedSupport(double pf, int supported, int unsupported) {
		// PaO2 = pf with FiO2 1.0, so P/F = pf exactly
		DayInputs with = day().gas(gas(6, pf, 1.0, null, null, null))
				.support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0)).build();
		DayInputs without = day().gas(gas(6, pf, 1.0, null, null, null))
				.support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 10, 24.0)).build();
		assertThat(component(with, "respiratory")).isEqualTo(supported);
		assertThat(component(without, "respiratory")).isEqualTo(unsupported);
	}

	@Test
	void pao2ChartedInKpaUsesTableTwosFactorSevenPointFive() {
		// 40 kPa: x 7.5 = 300.0 exactly -> P/F 300 / 1.0 = 300 -> 1 (225 < r <= 300); the server's general
		// 7.50062 would give 300.0248 -> 0 (> 300). The same 300.0248 charted in mm[Hg] stays 0.
		Measurement kpa = Measurement.of("Observation/kpa", hour(6), 40 * 7.50062).chartedInKpa(40);
		Measurement mmHg = Measurement.of("Observation/mmhg", hour(6), 300.0248);
		for (Measurement pao2 : new Measurement[] {kpa, mmHg}) {
			DayInputs in = day().gas(new ArterialGas(hour(6), pao2, null, null, m(1.0, 6), null, null))
					.support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0)).build();
			assertThat(component(in, "respiratory")).isEqualTo(pao2 == kpa ? 1 : 0);
		}
	}

	@ParameterizedTest(name = "SpO2 {0} / FiO2 0.25 -> {1} supported, {2} unsupported")
	@CsvSource({"75.000001, 0, 0", "75, 1, 1", "62.500001, 1, 1", "62.5, 2, 2", "50.000001, 2, 2", "50, 3, 2",
		"30.000001, 3, 2", "30, 4, 2"})
	void sfBandsWhenThereIsNoPf(double spo2, int supported, int unsupported) {
		// S/F = SpO2 / 0.25 = 4 x SpO2: 75 -> 300, 62.5 -> 250, 50 -> 200, 30 -> 120; +0.000001 -> +0.000004
		DayInputs.Builder base = day().add(Analyte.FIO2, m(0.25, 5.5)).add(Analyte.SPO2, m(spo2, 6));
		assertThat(component(base.support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0)).build(),
				"respiratory")).isEqualTo(supported);
		DayInputs noSupport = day().add(Analyte.FIO2, m(0.25, 5.5)).add(Analyte.SPO2, m(spo2, 6)).build();
		assertThat(component(noSupport, "respiratory")).isEqualTo(unsupported);
	}

	@Test
	void sfNeedsSpo2Below98AndAnFio2ChartedInTheHourBefore() {
		// 98 % is not used; 97.999999 % / 0.5 = 195.999998 <= 200 with support -> 3
		OrganSupport hfno = support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0);
		assertThat(component(day().support(hfno).add(Analyte.FIO2, m(0.5, 5)).add(Analyte.SPO2, m(98, 5.5)).build(),
				"respiratory")).isNull();
		assertThat(component(day().support(hfno).add(Analyte.FIO2, m(0.5, 5)).add(Analyte.SPO2, m(97.999999, 5.5))
				.build(), "respiratory")).isEqualTo(3);
		// FiO2 61 min before the SpO2: not paired -> no reading
		assertThat(component(day().support(hfno).add(Analyte.FIO2, m(0.5, 4.49)).add(Analyte.SPO2, m(90, 5.51))
				.build(), "respiratory")).isNull();
		// FiO2 charted after the SpO2: not paired (look back only)
		assertThat(component(day().support(hfno).add(Analyte.FIO2, m(0.5, 6)).add(Analyte.SPO2, m(90, 5.5)).build(),
				"respiratory")).isNull();
	}

	@Test
	void sfIsNotUsedInAnHourThatHasAPf() {
		// hour 6 (06:00-07:00): P/F 280/1.0 = 280 -> 1; S/F 90/0.5 = 180 -> 3 at 06:40 is dropped; S/F at 09:00 counts
		OrganSupport vent = support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0);
		DayInputs sameHour = day().support(vent).gas(gas(6.1, 280.0, 1.0, null, null, null))
				.add(Analyte.FIO2, m(0.5, 6.5)).add(Analyte.SPO2, m(90, 6.67)).build();
		assertThat(component(sameHour, "respiratory")).isEqualTo(1);
		DayInputs laterHour = day().support(vent).gas(gas(6.1, 280.0, 1.0, null, null, null))
				.add(Analyte.FIO2, m(0.5, 8.5)).add(Analyte.SPO2, m(90, 9)).build();
		assertThat(component(laterHour, "respiratory")).isEqualTo(3);
	}

	@Test
	void aReadingFollowedWithinAnHourByABetterOneIsTransient() {
		// 03:00 P/F 70 -> 4, 03:45 P/F 200 -> 2: the 4 is transient (footnote g) -> 2
		OrganSupport vent = support(OrganSupport.Kind.ADVANCED_RESPIRATORY, 0, 24.0);
		Sofa2Result r = Sofa2.score(day().support(vent).gas(gas(3, 70.0, 1.0, null, null, null))
				.gas(gas(3.75, 200.0, 1.0, null, null, null)).build());
		assertThat(r.components().get("respiratory")).isEqualTo(2);
		assertThat(r.flags()).contains(Flag.TRANSIENT_DROPPED);
		// 61 minutes later is no longer transient: max(4, 2) = 4
		assertThat(component(day().support(vent).gas(gas(3, 70.0, 1.0, null, null, null))
				.gas(gas(3 + 61 / 60.0, 200.0, 1.0, null, null, null)).build(), "respiratory")).isEqualTo(4);
	}

	@Test
	void ecmoOfAnyConfigurationGivesRespiratoryFour() {
		// P/F 400 on ECMO -> still 4 (footnote i); VV-ECMO leaves cardiovascular alone, VA gives it 4
		for (OrganSupport.Kind kind : new OrganSupport.Kind[] {OrganSupport.Kind.ECMO_VENOVENOUS,
			OrganSupport.Kind.ECMO_VENOARTERIAL, OrganSupport.Kind.ECMO_UNSPECIFIED}) {
			DayInputs in = day().gas(gas(6, 400.0, 1.0, null, null, null)).support(support(kind, -30, null))
					.add(Analyte.MAP, m(75, 2)).build();
			Sofa2Result r = Sofa2.score(in);
			assertThat(r.components().get("respiratory")).as(kind.name()).isEqualTo(4);
			assertThat(r.components().get("cardiovascular")).as(kind.name())
					.isEqualTo(kind == OrganSupport.Kind.ECMO_VENOARTERIAL ? 4 : 0);
		}
		assertThat(Sofa2.score(day().support(support(OrganSupport.Kind.ECMO_UNSPECIFIED, 2, 8.0)).build()).flags())
				.contains(Flag.ECMO_CONFIGURATION_UNKNOWN);
	}

	@Test
	void ecmoThatEndedTheDayBeforeDoesNotCount() {
		DayInputs in = day().support(support(OrganSupport.Kind.ECMO_VENOVENOUS, -30, -1.0)).build();
		assertThat(component(in, "respiratory")).isNull();
	}

	// --- cardiovascular ---

	@ParameterizedTest(name = "norepinephrine {1} charted as product {0} -> {2}, flagged {3}")
	@CsvSource({
		"NE-BIT, 0.8, 3, false",  // bitartrate monohydrate: 0.8 / 2.0 = 0.4 base -> 0.2 < 0.4 <= 0.4 -> 3 (as charted: 4)
		"NE-HCL, 0.488, 3, false", // hydrochloride: 0.488 / 1.22 = 0.4 -> 3 (as charted 0.488 > 0.4 -> 4)
		"NE-TAR, 0.378, 2, false", // anhydrous bitartrate: 0.378 / 1.89 = 0.2 -> 2 (as charted 0.378 -> 3)
		"NE-BASE, 0.8, 4, false", // stated as base: 0.8 -> 4
		"NE-X, 0.8, 4, true",     // a product the table does not know: taken as base, 0.8 -> 4, flagged
		", 0.8, 4, false"})       // only the trial's RxNorm code: base, no flag
	void norepinephrineChartedAsASaltIsConvertedToBase(String product, double rate, int expected, boolean flagged) {
		SiteSettings site = SiteSettings.DEFAULTS.withNorepinephrineProducts(Map.of("NE-BIT",
				NorepinephrineSalt.BITARTRATE_MONOHYDRATE, "NE-HCL", NorepinephrineSalt.HYDROCHLORIDE, "NE-TAR",
				NorepinephrineSalt.ANHYDROUS_BITARTRATE, "NE-BASE", NorepinephrineSalt.BASE));
		VasopressorInfusion ne = new VasopressorInfusion(Vasopressor.NOREPINEPHRINE, rate, hour(2), hour(6),
				"MedicationAdministration/ne", product == null ? java.util.Set.of() : java.util.Set.of(product));
		Sofa2Result r = Sofa2.score(day().site(site).vasopressor(ne).build());
		assertThat(r.components().get("cardiovascular")).isEqualTo(expected);
		assertThat(r.flags().contains(Flag.NOREPINEPHRINE_SALT_UNKNOWN)).isEqualTo(flagged);
	}

	@ParameterizedTest(name = "NE+E {0} alone -> {1}, with vasopressin -> {2}")
	@CsvSource({"0.05, 2, 3", "0.2, 2, 3", "0.200001, 3, 4", "0.4, 3, 4", "0.400001, 4, 4", "1.0, 4, 4"})
	void norepinephrinePlusEpinephrineBands(double sum, int alone, int withOther) {
		// the sum is split NE 0.7 x sum + E 0.3 x sum, running together 02:00-06:00
		double ne = Round.six(sum * 0.7);
		double e = Round.six(sum - ne);
		DayInputs.Builder b = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, ne, 2, 6))
				.vasopressor(infusion(Vasopressor.EPINEPHRINE, e, 2, 6));
		assertThat(component(b.build(), "cardiovascular")).isEqualTo(alone);
		assertThat(component(b.drug(drug(Kind.OTHER_VASOACTIVE, "vasopressin", 3, 5.0)).build(), "cardiovascular"))
				.isEqualTo(withOther);
	}

	@ParameterizedTest(name = "dopamine {0} alone -> {1}, with vasopressin -> {2}")
	@CsvSource({"5, 2, 3", "20, 2, 3", "20.000001, 3, 4", "40, 3, 4", "40.000001, 4, 4"})
	void dopamineAsTheSingleVasopressorAndWithAnotherAgent(double rate, int alone, int withOther) {
		DayInputs.Builder b = day().vasopressor(infusion(Vasopressor.DOPAMINE, rate, 2, 6));
		assertThat(component(b.build(), "cardiovascular")).isEqualTo(alone);
		// E7: dopamine bands + 1 with a non-NE/E agent, capped at 4
		assertThat(component(b.drug(drug(Kind.OTHER_VASOACTIVE, "vasopressin", 2, 6.0)).build(), "cardiovascular"))
				.isEqualTo(withOther);
	}

	@Test
	void dopamineBesideNorepinephrineCountsAsAnotherAgent() {
		// E7: NE 0.1 (-> 2) with dopamine 10 -> 2 + 1 = 3
		DayInputs in = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.1, 2, 6))
				.vasopressor(infusion(Vasopressor.DOPAMINE, 10, 2, 6)).build();
		assertThat(component(in, "cardiovascular")).isEqualTo(3);
	}

	@Test
	void anyOtherAgentAloneIsTwo() {
		assertThat(component(day().drug(drug(Kind.OTHER_VASOACTIVE, "vasopressin", 2, 6.0)).build(),
				"cardiovascular")).isEqualTo(2);
		assertThat(component(day().vasopressor(infusion(Vasopressor.DOBUTAMINE, 5, 2, 6)).build(), "cardiovascular"))
				.isEqualTo(2);
	}

	@Test
	void dosesGivenAtDifferentTimesAreNotCombined() {
		// NE 0.3 00:00-04:00 -> 3; NE 0.1 with vasopressin 12:00-16:00 -> 2 + 1 = 3; not 4 (§1.6)
		DayInputs in = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.3, 0, 4))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.1, 12, 16))
				.drug(drug(Kind.OTHER_VASOACTIVE, "vasopressin", 12, 16.0)).build();
		assertThat(component(in, "cardiovascular")).isEqualTo(3);
	}

	@Test
	void anInfusionCountsOnlyWhenItsEpisodeLastsAnHour() {
		// 59 min of NE 0.5 -> not counted; MAP 65 -> 1
		DayInputs short59 = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.5, 2, 2 + 59 / 60.0))
				.add(Analyte.MAP, m(65, 1)).build();
		assertThat(component(short59, "cardiovascular")).isEqualTo(1);
		// 30 + 30 min with a 1-min gap join into one 61-min episode -> 0.5 > 0.4 -> 4
		DayInputs joined = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.5, 2, 2.5))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.5, 2.5 + 1 / 60.0, 3 + 1 / 60.0)).build();
		assertThat(component(joined, "cardiovascular")).isEqualTo(4);
		// a 2-min gap splits them into two 30-min episodes -> neither counts -> no agent, no MAP -> missing
		DayInputs split = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.5, 2, 2.5))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.5, 2.5 + 2 / 60.0, 3 + 2 / 60.0)).build();
		assertThat(component(split, "cardiovascular")).isNull();
	}

	@Test
	void anInfusionStartedTheDayBeforeCounts() {
		// NE 0.25 from -3 h to 00:30 (3.5 h episode) -> 0.2 < 0.25 <= 0.4 -> 3
		assertThat(component(day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.25, -3, 0.5)).build(),
				"cardiovascular")).isEqualTo(3);
	}

	@Test
	void mechanicalCirculatorySupportIsFour() {
		assertThat(component(day().support(support(OrganSupport.Kind.CIRCULATORY_SUPPORT, 5, 9.0))
				.add(Analyte.MAP, m(80, 1)).build(), "cardiovascular")).isEqualTo(4);
	}

	@Test
	void anRvadAloneIsFlaggedNotScored() {
		// RVAD 05-09 with MAP 80 (>= 70 -> 0): the device adds nothing, cardiovascular 0 (an LVAD would be 4)
		Sofa2Result r = Sofa2.score(day().support(support(OrganSupport.Kind.RIGHT_VENTRICULAR_ASSIST, 5, 9.0))
				.add(Analyte.MAP, m(80, 1)).build());
		assertThat(r.components().get("cardiovascular")).isEqualTo(0);
		assertThat(r.flags()).contains(Flag.RVAD_NOT_SCORED);
		// beside an LVAD (biventricular support) the LVAD scores 4
		assertThat(component(day().support(support(OrganSupport.Kind.RIGHT_VENTRICULAR_ASSIST, 5, 9.0))
				.support(support(OrganSupport.Kind.CIRCULATORY_SUPPORT, 5, 9.0)).build(), "cardiovascular"))
				.isEqualTo(4);
	}

	private static final PatientFacts CEILING = PatientFacts.NONE.withCeilingOfTreatment(Recorded.of(true,
			"Observation/ceiling"));

	@ParameterizedTest(name = "ceiling of treatment, lowest MAP {0} -> {1}")
	@CsvSource({"70, 0", "69.999999, 1", "60, 1", "59.999999, 2", "50, 2", "49.999999, 3", "40, 3", "39.999999, 4"})
	void aCeilingOfTreatmentScoresMapWithTheMapOnlyBands(double map, int expected) {
		// footnote m: >= 70 -> 0, 60-69 -> 1, 50-59 -> 2, 40-49 -> 3, < 40 -> 4
		Sofa2Result r = Sofa2.score(day().patient(CEILING).add(Analyte.MAP, m(map, 3)).build());
		assertThat(r.components().get("cardiovascular")).isEqualTo(expected);
		assertThat(r.flags()).contains(Flag.CEILING_OF_TREATMENT);
		assertThat(r.sources()).contains("Observation/ceiling");
	}

	@Test
	void aCeilingOfTreatmentLiftsTheCapOfTwoWithoutSupport() {
		// PaO2 60 / FiO2 1.0 = 60 <= 75 -> 4 by the ratio; without advanced support capped at 2 (footnote h) ...
		DayInputs.Builder b = day().gas(gas(6, 60.0, 1.0, null, null, null));
		assertThat(component(b.build(), "respiratory")).isEqualTo(2);
		// ... unless the eCRF records a ceiling of treatment for the day: the ratio alone -> 4
		Sofa2Result r = Sofa2.score(b.patient(CEILING).build());
		assertThat(r.components().get("respiratory")).isEqualTo(4);
		assertThat(r.flags()).contains(Flag.CEILING_OF_TREATMENT).doesNotContain(Flag.SUPPORT_UNKNOWN);
		// an explicit "no" changes nothing: 2; so does a MAP of 45 without the item: < 70 -> 1
		PatientFacts no = PatientFacts.NONE.withCeilingOfTreatment(Recorded.of(false, "Observation/no"));
		assertThat(component(day().gas(gas(6, 60.0, 1.0, null, null, null)).patient(no).build(), "respiratory"))
				.isEqualTo(2);
		assertThat(component(day().patient(no).add(Analyte.MAP, m(45, 3)).build(), "cardiovascular")).isEqualTo(1);
	}

	@ParameterizedTest(name = "lowest MAP {0} -> {1}")
	@CsvSource({"70, 0", "69.999999, 1", "45, 1"})
	void mapWithoutAgents(double map, int expected) {
		assertThat(component(with(Analyte.MAP, 80, map), "cardiovascular")).isEqualTo(expected);
	}

	// --- kidney: urine output, RRT, RRT criteria ---

	/** Hourly urine charts of {@code ml} each from hour {@code from} to {@code to}. */
	private static DayInputs.Builder hourlyUrine(DayInputs.Builder b, double from, double to, double ml) {
		for (double h = from; h < to; h++) {
			b.urine(urine(h, h + 1, ml));
		}
		return b;
	}

	@Test
	void urineRateBandsOverFullyCoveredWindows() {
		// weight 100 kg. 50 mL/h = 0.5 mL/kg/h -> 0 (not < 0.5)
		assertThat(component(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 24, 50).build(), "kidney"))
				.isEqualTo(0);
		// 49 mL/h for 6 h (00-06), then 60: the 6-h window ending 06:00 is 0.49 -> 1; every 12-h window has
		// at least 6 h at 60: (6x49 + 6x60) / 1200 = 0.545 -> not 2
		DayInputs six = hourlyUrine(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 6, 49), 6, 24, 60)
				.build();
		assertThat(component(six, "kidney")).isEqualTo(1);
		// 49 mL/h all day: 12-h windows 0.49 < 0.5 -> 2; 24-h window 0.49 >= 0.3 -> not 3
		assertThat(component(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 24, 49).build(), "kidney"))
				.isEqualTo(2);
		// 30 mL/h: 24-h rate 0.3, not < 0.3 -> 2; 29 mL/h: 0.29 -> 3
		assertThat(component(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 24, 30).build(), "kidney"))
				.isEqualTo(2);
		assertThat(component(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 24, 29).build(), "kidney"))
				.isEqualTo(3);
	}

	@Test
	void weightFallsBackToTheFirstOfTheStayThenToTheEcrfAdmissionWeight() {
		// 49 mL/h all day. A first weight charted at 20:00 of 100 kg also serves the windows before it:
		// 12-h rate 49 / 100 = 0.49 < 0.5 -> 2 (a 24-h 0.49 is not < 0.3)
		DayInputs later = hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, 20)), 0, 24, 49).build();
		assertThat(component(later, "kidney")).isEqualTo(2);
		// no charted weight, eCRF admission weight 200 kg: 49 / 200 = 0.245 < 0.3 over 24 h -> 3
		PatientFacts admission = PatientFacts.NONE.withAdmissionWeightKg(Recorded.of(200.0, "Observation/adm"));
		Sofa2Result r = Sofa2.score(hourlyUrine(day().patient(admission), 0, 24, 49).build());
		assertThat(r.components().get("kidney")).isEqualTo(3);
		assertThat(r.flags()).doesNotContain(Flag.WEIGHT_MISSING);
		assertThat(r.sources()).contains("Observation/adm");
		// a charted weight wins over the eCRF one: 100 kg -> 0.49 -> 2
		assertThat(component(hourlyUrine(day().patient(admission).add(Analyte.WEIGHT_KG, m(100, 3)), 0, 24, 49)
				.build(), "kidney")).isEqualTo(2);
	}

	@Test
	void aWindowThatIsNotFullyCoveredIsNotEvaluated() {
		// charts 00-05 only (5 h of 0 mL): no 6-h window is covered -> no urine points, no creatinine -> missing
		assertThat(component(hourlyUrine(day().add(Analyte.WEIGHT_KG, m(70, -30)), 0, 5, 0).build(), "kidney"))
				.isNull();
	}

	@Test
	void urineWithoutAWeightGivesNoRateAndIsFlagged() {
		Sofa2Result r = Sofa2.score(hourlyUrine(day(), 0, 24, 10).build());
		assertThat(r.components().get("kidney")).isNull();
		assertThat(r.flags()).contains(Flag.WEIGHT_MISSING);
	}

	@ParameterizedTest(name = "RRT session ended {0} h before the day -> kidney {1}")
	@CsvSource({"71, 4", "73, 1"})
	void intermittentRrtCarriesFourFor72Hours(double hoursBefore, int expected) {
		// creatinine 1.5 -> 1 when no RRT applies
		DayInputs in = day().add(Analyte.CREATININE, m(1.5, 3))
				.support(support(OrganSupport.Kind.RENAL_REPLACEMENT, -hoursBefore - 4, -hoursBefore)).build();
		assertThat(component(in, "kidney")).isEqualTo(expected);
	}

	@Test
	void rrtInTheDayIsFourButNonRenalPurificationIsNot() {
		assertThat(component(day().support(support(OrganSupport.Kind.RENAL_REPLACEMENT, 20, null)).build(),
				"kidney")).isEqualTo(4);
		// PMX or cytokine adsorption only (footnote o): creatinine 1.0 -> 0
		assertThat(component(day().add(Analyte.CREATININE, m(1.0, 3))
				.support(support(OrganSupport.Kind.NON_RENAL_PURIFICATION, 2, 8.0)).build(), "kidney")).isEqualTo(0);
	}

	@Test
	void rrtCriteriaWithoutRrt() {
		// creatinine 1.21 (> 1.2) and K 6.0 (>= 6.0) -> 4, flagged
		Sofa2Result met = Sofa2.score(day().add(Analyte.CREATININE, m(1.21, 3)).add(Analyte.POTASSIUM, m(6.0, 4))
				.build());
		assertThat(met.components().get("kidney")).isEqualTo(4);
		assertThat(met.flags()).contains(Flag.RRT_CRITERIA_MET);
		// K 5.999999 -> not met: creatinine 1.21 -> 1
		assertThat(component(day().add(Analyte.CREATININE, m(1.21, 3)).add(Analyte.POTASSIUM, m(5.999999, 4)).build(),
				"kidney")).isEqualTo(1);
		// creatinine exactly 1.2 is not > 1.2: K 6.5 alone does not meet the renal arm -> 0
		assertThat(component(day().add(Analyte.CREATININE, m(1.2, 3)).add(Analyte.POTASSIUM, m(6.5, 4)).build(),
				"kidney")).isEqualTo(0);
		// arterial pH 7.20 and HCO3 12 -> acidosis arm met -> 4; HCO3 12.000001 -> not -> 1
		assertThat(component(day().add(Analyte.CREATININE, m(1.3, 3)).gas(gas(5, 80.0, 0.4, 30.0, 7.20, null))
				.add(Analyte.HCO3, m(12, 5)).build(), "kidney")).isEqualTo(4);
		assertThat(component(day().add(Analyte.CREATININE, m(1.3, 3)).gas(gas(5, 80.0, 0.4, 30.0, 7.20, null))
				.add(Analyte.HCO3, m(12.000001, 5)).build(), "kidney")).isEqualTo(1);
	}

	@Test
	void severeOliguriaOverSixHoursIsTheRenalArmOfTheCriteria() {
		// creatinine 0.9 (-> 0, not > 1.2); weight 100; 29 mL/h 00-06 = 0.29 < 0.3 over a covered 6-h window;
		// K 6.1 -> criteria met -> 4. With 30 mL/h (0.30, not < 0.3) the arm fails -> urine 6-h 0.3 < 0.5 -> 1
		DayInputs.Builder met = hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 6, 29)
				.add(Analyte.CREATININE, m(0.9, 3)).add(Analyte.POTASSIUM, m(6.1, 7));
		assertThat(component(met.build(), "kidney")).isEqualTo(4);
		DayInputs.Builder notMet = hourlyUrine(day().add(Analyte.WEIGHT_KG, m(100, -30)), 0, 6, 30)
				.add(Analyte.CREATININE, m(0.9, 3)).add(Analyte.POTASSIUM, m(6.1, 7));
		assertThat(component(notMet.build(), "kidney")).isEqualTo(1);
	}

	@Test
	void nothingRecordedLeavesEveryComponentMissing() {
		Sofa2Result r = Sofa2.score(day().build());
		assertThat(r.total()).isZero();
		assertThat(r.missing()).containsExactly("brain", "respiratory", "cardiovascular", "liver", "kidney",
				"hemostasis");
		assertThat(r.code()).isEqualTo("sofa-2");
		assertThat(r.componentCode("hemostasis")).isEqualTo("sofa-2-hemostasis");
	}

	// --- worked examples (docs/scores-spec.md §14.6) ---

	@Test
	void s2_1_edgesAndAMaskIsNoAdvancedSupport() {
		// Venturi mask: no advanced-support interval. P/F 60/0.40 = 150 -> 3 by the band, capped at 2.
		// platelets 180 and 150 -> lowest 150 -> 1; bilirubin 1.20 -> 0; creatinine 1.20 -> 0;
		// urine 50 mL/h at 70 kg = 0.714 -> 0; MAP 70 -> 0; GCS 15 -> 0. Total 2 + 1 = 3.
		DayInputs.Builder b = day().gas(gas(6, 60.0, 0.40, null, null, null)).add(Analyte.PLATELETS, m(180, 2))
				.add(Analyte.PLATELETS, m(150, 14)).add(Analyte.BILIRUBIN, m(1.20, 2))
				.add(Analyte.CREATININE, m(1.20, 2)).add(Analyte.WEIGHT_KG, m(70, -2)).add(Analyte.MAP, m(70, 5))
				.add(Analyte.GCS, m(15, 8));
		Sofa2Result r = Sofa2.score(hourlyUrine(b, 0, 24, 50).build());
		assertThat(r.components()).isEqualTo(Map.of("brain", 0, "respiratory", 2, "cardiovascular", 0, "liver", 0,
				"kidney", 0, "hemostasis", 1));
		assertThat(r.total()).isEqualTo(3);
	}

	private static DayInputs.Builder s22(double epinephrine) {
		// HFNC all day; P/F 45/0.60 = 75 -> 4; platelets 80 -> 3; bilirubin 3.0 -> 1; NE 0.15 00-06 with
		// E from 02-06; MAP 64 -> 1; GCS 15 + haloperidol 22:00 -> 1; creatinine 2.0 -> 1; urine 100 mL/h at 70 kg
		DayInputs.Builder b = day().support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, -5, null))
				.gas(gas(3, 45.0, 0.60, null, null, null)).add(Analyte.PLATELETS, m(80, 3))
				.add(Analyte.BILIRUBIN, m(3.0, 3)).vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.15, 0, 6))
				.vasopressor(infusion(Vasopressor.EPINEPHRINE, epinephrine, 2, 6)).add(Analyte.MAP, m(64, 4))
				.add(Analyte.GCS, m(15, 9)).drug(dose(Kind.DELIRIUM_DRUG, "haloperidol", 22))
				.add(Analyte.CREATININE, m(2.0, 3)).add(Analyte.WEIGHT_KG, m(70, -2));
		return hourlyUrine(b, 0, 24, 100);
	}

	@Test
	void s2_2_hfncCountsPfSeventyFiveNePlusEpiPointTwoDelirium() {
		// cardiovascular: 00-02 s = 0.15 -> 2; 02-06 s = 0.15 + 0.05 = 0.20 -> 2 (<= 0.2). 4+3+1+2+1+1 = 12
		Sofa2Result r = Sofa2.score(s22(0.05).build());
		assertThat(r.components()).isEqualTo(Map.of("brain", 1, "respiratory", 4, "cardiovascular", 2, "liver", 1,
				"kidney", 1, "hemostasis", 3));
		assertThat(r.total()).isEqualTo(12);
		// epinephrine 0.06: 0.15 + 0.06 = 0.21 > 0.2 -> 3, total 13
		assertThat(Sofa2.score(s22(0.06).build()).total()).isEqualTo(13);
	}

	@Test
	void s2_3_mediumDoseWithVasopressinPresedationGcsUpperEdgesTwelveHourUrine() {
		// ventilated all day; P/F 80/0.50 = 160 -> 2 and 96/0.40 = 240 -> 1 -> 2.
		// NE 0.25 06-12 + vasopressin 08-12 -> 3 + 1 = 4. Propofol from -16 h running; GCS 11 at -17 h
		// (unsedated) -> 2; the GCS 3 at 05:00 is ignored. Bilirubin 12.0 -> 3. Creatinine 3.50 -> 2; K 5.5,
		// pH 7.31: criteria not met. Weight 60: 25 mL/h 00-06, 350 mL over 06-18 (10 x 30 + 2 x 25), 100 mL
		// over 18-24 (4 x 17 + 2 x 16): the 12-h window 06-18 = 350 / (12 x 60) = 0.486 < 0.5 -> 2; the 24-h
		// window = 600 / (24 x 60) = 0.417 >= 0.3 -> not 3. Platelets 151 -> 0. Total 2+4+2+3+2+0 = 13.
		DayInputs.Builder b = day().support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, -30, null))
				.gas(gas(4, 80.0, 0.50, 40.0, 7.31, null)).gas(gas(10, 96.0, 0.40, 40.0, 7.35, null))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.25, 6, 12))
				.drug(drug(Kind.OTHER_VASOACTIVE, "vasopressin", 8, 12.0))
				.drug(drug(Kind.SEDATIVE_INFUSION, "propofol", -16, null)).add(Analyte.GCS, m(11, -17))
				.add(Analyte.GCS, m(3, 5)).add(Analyte.BILIRUBIN, m(12.0, 3)).add(Analyte.CREATININE, m(3.50, 3))
				.add(Analyte.POTASSIUM, m(5.5, 3)).add(Analyte.WEIGHT_KG, m(60, -20))
				.add(Analyte.PLATELETS, m(151, 3));
		hourlyUrine(b, 0, 6, 25);
		hourlyUrine(b, 6, 16, 30);
		hourlyUrine(b, 16, 18, 25);
		hourlyUrine(b, 18, 22, 17);
		hourlyUrine(b, 22, 24, 16);
		Sofa2Result r = Sofa2.score(b.build());
		assertThat(r.components()).isEqualTo(Map.of("brain", 2, "respiratory", 2, "cardiovascular", 4, "liver", 3,
				"kidney", 2, "hemostasis", 0));
		assertThat(r.total()).isEqualTo(13);
	}

	private static Sofa2Result s24(double potassium, double venousPh) {
		// BiPAP all day, no gas; SpO2 95 with FiO2 0.40 charted 10 min before -> 237.5 -> 2; SpO2 98 (FiO2 0.50)
		// not used. Dopamine 20.0 04-09 alone -> 2; MAP 62 -> 1 -> 2. Motor M5 only -> 1. Bilirubin 0.8 -> 0.
		// Creatinine 1.30 -> 1; HCO3 12. Platelets 100 -> 2.
		return Sofa2.score(day().support(support(OrganSupport.Kind.ADVANCED_RESPIRATORY, -2, null))
				.add(Analyte.FIO2, m(0.40, 5 - 10 / 60.0)).add(Analyte.SPO2, m(95, 5))
				.add(Analyte.FIO2, m(0.50, 11.9)).add(Analyte.SPO2, m(98, 12))
				.vasopressor(infusion(Vasopressor.DOPAMINE, 20.0, 4, 9)).add(Analyte.MAP, m(62, 6))
				.add(Analyte.GCS_MOTOR, m(5, 7)).add(Analyte.BILIRUBIN, m(0.8, 3)).add(Analyte.CREATININE, m(1.30, 3))
				.add(Analyte.POTASSIUM, m(potassium, 3)).add(Analyte.PH_VENOUS, m(venousPh, 3))
				.add(Analyte.HCO3, m(12, 3)).add(Analyte.PLATELETS, m(100, 3)).build());
	}

	@Test
	void s2_4_sfFallbackDopamineTwentyMotorOnlyRrtCriteria() {
		// kidney: 1.30 > 1.2 and venous pH 7.20 <= 7.20 with HCO3 12 <= 12 -> 4. Total 2+2+1+0+4+2 = 11
		Sofa2Result r = s24(5.9, 7.20);
		assertThat(r.components()).isEqualTo(Map.of("brain", 1, "respiratory", 2, "cardiovascular", 2, "liver", 0,
				"kidney", 4, "hemostasis", 2));
		assertThat(r.total()).isEqualTo(11);
		assertThat(r.flags()).contains(Flag.RRT_CRITERIA_MET, Flag.VENOUS_PH_USED);
		// pH 7.21: not met -> kidney 1 -> 8; K 6.0 with pH 7.35: met by potassium -> 11
		assertThat(s24(5.9, 7.21).total()).isEqualTo(8);
		assertThat(s24(6.0, 7.35).total()).isEqualTo(11);
	}

	private static Sofa2Result s25(OrganSupport.Kind ecmo) {
		// ECMO all day, P/F 100/0.4 = 250 -> 4 by ECMO. NE 0.05 all day -> 2 (VV is not circulatory support).
		// Midazolam since -48 h, no GCS ever -> 0. Bilirubin 6.0 -> 2. Creatinine 2.5 -> 2; K 5.0, pH 7.35.
		// Weight 70; urine every 2 h: 06-08 40 mL, then 08-10 ... 18-20 0 mL: the 12-h window (08, 20] has
		// 6 charts, 12 h, 0 mL -> anuria 3. Platelets 50 -> 4.
		DayInputs.Builder b = day().support(support(ecmo, -20, null)).gas(gas(5, 100.0, 0.4, 40.0, 7.35, null))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.05, 0, 24))
				.drug(drug(Kind.SEDATIVE_INFUSION, "midazolam", -48, null)).add(Analyte.BILIRUBIN, m(6.0, 3))
				.add(Analyte.CREATININE, m(2.5, 3)).add(Analyte.POTASSIUM, m(5.0, 3)).add(Analyte.WEIGHT_KG, m(70, -30))
				.add(Analyte.PLATELETS, m(50, 3)).urine(urine(6, 8, 40));
		for (int h = 8; h < 20; h += 2) {
			b.urine(urine(h, h + 2, 0));
		}
		return Sofa2.score(b.build());
	}

	@Test
	void s2_5_vvVersusVaEcmoAnuriaSedatedWithoutGcsPlateletsFifty() {
		// 4 + 2 + 0 + 2 + 3 + 4 = 15; VA-ECMO: cardiovascular 4 -> 17
		Sofa2Result vv = s25(OrganSupport.Kind.ECMO_VENOVENOUS);
		assertThat(vv.components()).isEqualTo(Map.of("brain", 0, "respiratory", 4, "cardiovascular", 2, "liver", 2,
				"kidney", 3, "hemostasis", 4));
		assertThat(vv.total()).isEqualTo(15);
		assertThat(s25(OrganSupport.Kind.ECMO_VENOARTERIAL).total()).isEqualTo(17);
	}

	@Test
	void s2_6_chronicDialysisOnADayWithoutSessionAndMissingComponents() {
		// chronic dialysis -> kidney 4; MAP 69.9 -> 1; GCS 14 -> 1; bilirubin 1.21 -> 1; respiratory and
		// hemostasis missing. Total 4 + 1 + 1 + 1 = 7
		DayInputs in = day().patient(PatientFacts.NONE.withChronicDialysis(Recorded.of(true, "Observation/hd")))
				.add(Analyte.MAP, m(69.9, 4)).add(Analyte.GCS, m(14, 4)).add(Analyte.BILIRUBIN, m(1.21, 4)).build();
		Sofa2Result r = Sofa2.score(in);
		assertThat(r.total()).isEqualTo(7);
		assertThat(r.missing()).containsExactly("respiratory", "hemostasis");
		assertThat(r.components().get("kidney")).isEqualTo(4);
		assertThat(r.sources()).contains("Observation/hd");
	}
}
