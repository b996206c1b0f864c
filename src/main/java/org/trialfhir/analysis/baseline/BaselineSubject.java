package org.trialfhir.analysis.baseline;

/**
 * One randomized subject's baseline characteristics; null when not recorded.
 *
 * @param arm       index into the study's arms (ResearchStudy.arm order)
 * @param age       completed years at T0, from a full Patient.birthDate
 * @param sex       Patient.gender code (male, female, other, unknown)
 * @param site      the site identifier of the patient's managing organization
 * @param apacheII  day-1 derived APACHE II score
 * @param sofa      day-1 derived SOFA score
 * @param jaamDic   day-1 derived JAAM DIC score
 * @param platelets day-1 platelet count (the day's value by its rule, ×10³/µL)
 * @param ptInr     day-1 PT-INR (the day's value by its rule)
 */
public record BaselineSubject(int arm, Integer age, String sex, String site, Double apacheII, Double sofa,
		Double jaamDic, Double platelets, Double ptInr) {
}
