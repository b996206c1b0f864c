package org.trialfhir.units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Converts a value with a UCUM unit to the canonical unit of its {@link TrialVariable} (docs/scores-spec.md §1.3, §2).
 *
 * <p>Only units on the variable's accepted list are converted; everything else is rejected with a reason naming
 * the accepted units. Conversion uses UCUM (the essence file shipped in org.fhir:ucum) except for the few
 * conversions UCUM cannot do ({@link ExplicitConversions}). Results are rounded to 6 decimals (half-up).
 * Negative values are rejected (docs/scores-spec.md §1.2). Thread-safe; building one loads the UCUM essence (~0.1 s), so
 * share {@link #standard()}.
 */
public final class UnitConverter {

	/** Site-specific, non-UCUM code for µg/kg/min charted in Japan (docs/scores-spec.md §1.3). */
	public static final String GAMMA = "γ";
	public static final String VASOPRESSOR_RATE_UNIT = "ug/kg/min";

	private static final Set<String> FEU_CODES = Set.of("48065-7", "48067-3");
	private static final Set<String> DDU_CODES = Set.of("48066-5", "48058-2");
	private static final Set<String> MASS_RATES = Set.of("mg/h", "ug/min");
	private static volatile UnitConverter standard;

	private static final String PRECISE_ONE = "1.000000000000000000000000";

	private final UcumEssenceService ucum;
	private final Map<String, BigDecimal> factors = new ConcurrentHashMap<>();

	public UnitConverter() {
		try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
			if (essence == null) {
				throw new IllegalStateException("ucum-essence.xml not found on the classpath (org.fhir:ucum)");
			}
			this.ucum = new UcumEssenceService(essence);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (UcumException e) {
			throw new IllegalStateException("cannot load the UCUM essence", e);
		}
	}

	/** A shared instance. */
	public static UnitConverter standard() {
		UnitConverter s = standard;
		if (s == null) {
			synchronized (UnitConverter.class) {
				if (standard == null) {
					standard = new UnitConverter();
				}
				s = standard;
			}
		}
		return s;
	}

	/** Converts {@code value unit} for the variable whose LOINC (or trial-lab) code is {@code code}. */
	public Conversion convert(String system, String code, BigDecimal value, String unit) {
		Optional<TrialVariable> variable = TrialVariable.byCode(system, code);
		if (variable.isEmpty()) {
			return new Conversion.Rejected("code " + system + "|" + code + " is not a trial variable");
		}
		if (unit != null && unit.endsWith("{DDU}") && FEU_CODES.contains(code)
				|| unit != null && unit.endsWith("{FEU}") && DDU_CODES.contains(code)) {
			return new Conversion.Rejected("unit '" + unit + "' contradicts LOINC " + code
					+ " (FEU and DDU differ about twofold and are never mixed); fix the code or the unit");
		}
		return convert(variable.get(), value, unit);
	}

	/** Converts {@code value unit} to {@code variable.canonicalUnit()}. */
	public Conversion convert(TrialVariable variable, BigDecimal value, String unit) {
		if (value == null) {
			return new Conversion.Rejected(variable.label() + " has no value");
		}
		if (variable == TrialVariable.PT_RATIO && "%".equals(unit)) {
			return new Conversion.Rejected("unit '%' is not accepted for pt_ratio (LOINC 5894-1): labs file Quick "
					+ "activity % under this code, so a % value is ambiguous; send the ratio (patient s / control s) "
					+ "with unit '1' or '{ratio}'. PT activity % is never converted");
		}
		if (unit == null || !variable.acceptedUnits().contains(unit)) {
			return new Conversion.Rejected("unit '" + unit + "' is not accepted for " + variable.label()
					+ "; use " + String.join(", ", variable.acceptedUnits()));
		}
		if (value.signum() < 0) {
			return new Conversion.Rejected(variable.label() + " value " + value.toPlainString()
					+ " is negative, which is not a possible measurement");
		}
		UnaryOperator<BigDecimal> explicit = ExplicitConversions.find(variable, unit);
		BigDecimal canonical = explicit != null ? explicit.apply(value) : ucum(value, unit, variable.canonicalUnit());
		return new Conversion.Converted(round6(canonical), variable.canonicalUnit());
	}

	/**
	 * Converts a vasopressor infusion rate to µg/kg/min. Accepted: {@code ug/kg/min}, {@code γ} (= µg/kg/min), and
	 * the mass rates {@code mg/h}, {@code ug/min} together with the body weight in kg (LOINC 29463-7).
	 */
	public Conversion convertVasopressorRate(BigDecimal value, String unit, BigDecimal weightKg) {
		if (value == null || value.signum() < 0) {
			return new Conversion.Rejected("vasopressor rate " + value + " is missing or negative");
		}
		if (VASOPRESSOR_RATE_UNIT.equals(unit) || GAMMA.equals(unit)) {
			return new Conversion.Converted(round6(value), VASOPRESSOR_RATE_UNIT);
		}
		if (!MASS_RATES.contains(unit)) {
			return new Conversion.Rejected("unit '" + unit + "' is not accepted for a vasopressor rate; use ug/kg/min"
					+ " (γ is read as ug/kg/min), or mg/h or ug/min together with a body weight in kg");
		}
		if (weightKg == null || weightKg.signum() <= 0) {
			return new Conversion.Rejected("a vasopressor rate in " + unit + " needs the body weight (LOINC 29463-7,"
					+ " kg) to become ug/kg/min; send the rate in ug/kg/min or record the weight");
		}
		BigDecimal ugPerMin = ucum(value, unit, "ug/min");
		return new Conversion.Converted(round6(ugPerMin.divide(weightKg, MathContext.DECIMAL64)),
				VASOPRESSOR_RATE_UNIT);
	}

	/**
	 * {@code value} × the UCUM factor from {@code from} to {@code to}. The factor is UCUM's conversion of a 1 with
	 * 25 significant digits: org.fhir:ucum's {@code Decimal} keeps the significant figures of its input, so
	 * converting the value itself can lose digits (0.6 mg/h → ug/min gives "1.0", not 10; 0.5 gives 8, not 8.33).
	 */
	private BigDecimal ucum(BigDecimal value, String from, String to) {
		if (from.equals(to)) {
			return value;
		}
		return value.multiply(factors.computeIfAbsent(from + " " + to, key -> factor(from, to)), MathContext.DECIMAL64);
	}

	private BigDecimal factor(String from, String to) {
		try {
			Decimal converted;
			synchronized (ucum) {
				converted = ucum.convert(new Decimal(PRECISE_ONE), from, to);
			}
			return new BigDecimal(converted.asDecimal());
		} catch (UcumException e) {
			// an accepted unit that UCUM cannot convert is a bug in TrialVariable, not bad input
			throw new IllegalStateException("UCUM cannot convert " + from + " to " + to, e);
		}
	}

	private static double round6(BigDecimal value) {
		return value.setScale(6, RoundingMode.HALF_UP).doubleValue();
	}
}
