package org.trialfhir.randomization;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Enrolment and randomization ({@code trialfhir.randomization.*}).
 *
 * @param stratifyBy stratification factors ({@code site}, {@code baseline-jaam}) of studies without a
 *     stratification-factor extension; empty = one stratum
 * @param jaamCutOff baseline JAAM DIC scores below it form one stratum, at or above it the other
 * @param blockMultiples block sizes as multiples of the sum of the allocation ratio, drawn uniformly per block:
 *     [1, 2] gives blocks of 2 and 4 at 1:1, of 3 and 6 at 2:1
 * @param eligibility the eligibility rules checked by $randomize
 * @param export the allocation-list export for the trial statistician
 */
@ConfigurationProperties("trialfhir.randomization")
record RandomizationProperties(
		List<String> stratifyBy,
		Integer jaamCutOff,
		List<Integer> blockMultiples,
		Eligibility eligibility,
		Export export) {

	RandomizationProperties {
		stratifyBy = stratifyBy == null ? List.of("site", "baseline-jaam") : List.copyOf(stratifyBy);
		jaamCutOff = jaamCutOff == null ? 6 : jaamCutOff;
		blockMultiples = blockMultiples == null ? List.of(1, 2) : List.copyOf(blockMultiples);
		eligibility = eligibility == null ? new Eligibility(null, null, null, null, null, null, null) : eligibility;
		export = export == null ? new Export(null) : export;
		for (String factor : stratifyBy) {
			if (StratificationFactor.ofCode(factor).isEmpty()) {
				throw new IllegalArgumentException("trialfhir.randomization.stratify-by: unknown factor " + factor);
			}
		}
		if (blockMultiples.isEmpty() || blockMultiples.stream().anyMatch(m -> m == null || m < 1)) {
			throw new IllegalArgumentException("trialfhir.randomization.block-multiples must be positive integers");
		}
	}

	List<StratificationFactor> defaultFactors() {
		return stratifyBy.stream().map(code -> StratificationFactor.ofCode(code).orElseThrow()).toList();
	}

	/**
	 * @param enabled false switches every rule off
	 * @param sepsis an active sepsis Condition
	 * @param jaamDic a recent screening JAAM DIC score
	 * @param adult age from Patient.birthDate
	 * @param notEnrolled no ResearchSubject of the patient in the study yet (a patient who already holds an allocation
	 *     slot of the study is refused whatever this says: a subject is randomized once)
	 * @param consent an active Consent of the patient
	 * @param dicScore the score whose recent DIC the DIC criterion asks for: {@code jaam-dic} (default: a JAAM total
	 *     ≥ {@code jaam-dic.minimum}), {@code jaam-2-dic} or {@code sic} (their diagnosis component true); the
	 *     criterion's switch and window are {@code jaam-dic.enabled} and {@code jaam-dic.window} whichever score it reads
	 */
	record Eligibility(Boolean enabled, Sepsis sepsis, JaamDic jaamDic, Adult adult, Rule notEnrolled, Rule consent,
			DicScore dicScore) {
		Eligibility {
			enabled = enabled == null || enabled;
			sepsis = sepsis == null ? new Sepsis(null, null) : sepsis;
			jaamDic = jaamDic == null ? new JaamDic(null, null, null) : jaamDic;
			adult = adult == null ? new Adult(null, null) : adult;
			notEnrolled = notEnrolled == null ? new Rule(null) : notEnrolled;
			consent = consent == null ? new Rule(null) : consent;
			dicScore = dicScore == null ? DicScore.JAAM_DIC : dicScore;
		}
	}

	/** @param codes {@code system|code} of sepsis and the descendants accepted for it */
	record Sepsis(Boolean enabled, List<String> codes) {
		static final List<String> DEFAULT_CODES = List.of(
				"http://snomed.info/sct|91302008", // Sepsis (disorder)
				"http://snomed.info/sct|10001005", // Bacterial sepsis (disorder)
				"http://snomed.info/sct|238150007", // Severe sepsis (disorder)
				"http://snomed.info/sct|76571007"); // Septic shock (disorder)

		Sepsis {
			enabled = enabled == null || enabled;
			codes = codes == null ? DEFAULT_CODES : List.copyOf(codes);
		}
	}

	/** @param minimum lowest qualifying score @param window how far back the score may be effective */
	record JaamDic(Boolean enabled, Integer minimum, Duration window) {
		JaamDic {
			enabled = enabled == null || enabled;
			minimum = minimum == null ? 4 : minimum;
			window = window == null ? Duration.ofHours(24) : window;
		}
	}

	/** @param minimumAge completed years at the day of randomization (UTC) */
	record Adult(Boolean enabled, Integer minimumAge) {
		Adult {
			enabled = enabled == null || enabled;
			minimumAge = minimumAge == null ? 18 : minimumAge;
		}
	}

	record Rule(Boolean enabled) {
		Rule {
			enabled = enabled == null || enabled;
		}
	}

	/**
	 * @param signingKey HMAC-SHA256 key of the signed CSV export (from the environment); unset = export disabled
	 */
	record Export(String signingKey) {}
}
