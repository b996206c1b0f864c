package org.trialfhir.scoring;

import java.time.LocalDate;
import java.time.Period;

/**
 * Patient-level facts for the day. Every item is nullable: null = not recorded (never "false").
 * The eCRF items are the trial-ecrf codes of docs/api.md §4, recorded in or before the scored day.
 *
 * @param ageYears              completed years at the day (APACHE II age points); see {@link #completedYears}
 * @param acuteRenalFailure     APACHE II creatinine doubling; null → false, flagged (D12)
 * @param chronicHealth         APACHE II severe organ insufficiency / immunocompromise before admission
 * @param operativeStatus       APACHE II chronic-health points; null with chronic health → 5, flagged (D11)
 * @param underlyingDisease     JMHW item; JAAM/ISTH applicability (null → assumed present, flagged; D19)
 * @param bleeding              JMHW bleeding symptoms
 * @param organFailure          JMHW organ symptoms
 * @param hematologicMalignancy JMHW haematological type (marked megakaryocyte depletion)
 * @param liverCirrhosis        JMHW: cirrhosis or chronic hepatitis close to cirrhosis (−3)
 * @param chronicDialysis       SOFA-2: on chronic (maintenance) dialysis, kidney 4 every day (Table 2, E12)
 * @param admissionWeightKg     SOFA-2: the eCRF admission weight, kg; the last weight fallback for per-kg rates (E11)
 * @param ceilingOfTreatment    SOFA-2: advanced support or vasoactives unavailable or limited on this day, recorded
 *                              for the day itself (footnotes h and m, E2)
 */
public record PatientFacts(Integer ageYears,
		Recorded<Boolean> acuteRenalFailure,
		Recorded<Boolean> chronicHealth,
		Recorded<OperativeStatus> operativeStatus,
		Recorded<Boolean> underlyingDisease,
		Recorded<Boolean> bleeding,
		Recorded<Boolean> organFailure,
		Recorded<Boolean> hematologicMalignancy,
		Recorded<Boolean> liverCirrhosis,
		Recorded<Boolean> chronicDialysis,
		Recorded<Double> admissionWeightKg,
		Recorded<Boolean> ceilingOfTreatment) {

	/** Nothing recorded. */
	public static final PatientFacts NONE = new PatientFacts(null, null, null, null, null, null, null, null, null, null, null, null);

	/** Age in completed years on {@code day} (a birthday on that date counts). */
	public static int completedYears(LocalDate birthDate, LocalDate day) {
		return Period.between(birthDate, day).getYears();
	}

	public PatientFacts withAgeYears(Integer v) {
		return new PatientFacts(v, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease, bleeding,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withAcuteRenalFailure(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, v, chronicHealth, operativeStatus, underlyingDisease, bleeding,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withChronicHealth(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, v, operativeStatus, underlyingDisease, bleeding,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withOperativeStatus(Recorded<OperativeStatus> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, v, underlyingDisease, bleeding,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withUnderlyingDisease(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, v, bleeding,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withBleeding(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease, v,
				organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withOrganFailure(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, v, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withHematologicMalignancy(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, organFailure, v, liverCirrhosis, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withLiverCirrhosis(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, organFailure, hematologicMalignancy, v, chronicDialysis, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withChronicDialysis(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, organFailure, hematologicMalignancy, liverCirrhosis, v, admissionWeightKg, ceilingOfTreatment);
	}

	public PatientFacts withAdmissionWeightKg(Recorded<Double> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, v, ceilingOfTreatment);
	}

	public PatientFacts withCeilingOfTreatment(Recorded<Boolean> v) {
		return new PatientFacts(ageYears, acuteRenalFailure, chronicHealth, operativeStatus, underlyingDisease,
				bleeding, organFailure, hematologicMalignancy, liverCirrhosis, chronicDialysis, admissionWeightKg, v);
	}
}
