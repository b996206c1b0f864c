package org.trialfhir.interim;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.interim.InterimResult.Power;
import org.trialfhir.interim.InterimResult.Statistic;
import org.trialfhir.stats.GroupSequential.Boundary;

/**
 * The look as Parameters (docs/interim.md, OperationDefinition {@code interim}) and as long CSV
 * ({@code section,look,arm,statistic,value}). A value that cannot be computed is absent and a note says why; every
 * number is labelled with its method ({@code method}, {@code z-method}, {@code risk-difference-method}).
 */
final class InterimResponse {

	static final String DESIGN_METHOD = "Lan-DeMets alpha spending, two-sided symmetric boundaries by recursive numerical "
			+ "integration (as rpact getDesignGroupSequential, sided = 2)";
	static final String Z_METHOD = "pooled-se: (p1 - p2) / sqrt(p(1 - p)(1/n1 + 1/n2)), the signed root of Pearson's "
			+ "chi-square without continuity correction; negative favours the first arm";
	static final String RD_METHOD = "repeated-ci: RD -/+ c_k * unpooled SE, c_k this look's critical value";
	static final String POWER_METHOD = "B-value (Lan & Wittes 1988): 1 - Phi((c_K - B - theta(1 - t)) / sqrt(1 - t)), "
			+ "crossing the final boundary in favour of the first arm";

	private InterimResponse() {
	}

	static Parameters parameters(InterimResult result) {
		Parameters parameters = new Parameters();
		ParametersParameterComponent design = parameters.addParameter().setName("design");
		design.addPart().setName("spending").setValue(new CodeType(result.design().spending().code()));
		add(design, "alpha", result.design().alpha());
		add(design, "planned-subjects", result.design().plannedSubjects());
		design.addPart().setName("method").setValue(new StringType(DESIGN_METHOD));
		for (Boundary boundary : result.boundaries()) {
			ParametersParameterComponent part = design.addPart().setName("boundary");
			add(part, "look", boundary.look());
			add(part, "information-fraction", boundary.informationFraction());
			if (!Double.isInfinite(boundary.z())) {
				add(part, "z", boundary.z());
			}
			add(part, "nominal-p", boundary.nominalP());
			add(part, "alpha-spent", boundary.alphaSpent());
			part.addPart().setName("recorded").setValue(new BooleanType(result.recorded().stream()
					.anyMatch(r -> r.look() == boundary.look())));
			if (Double.isInfinite(boundary.z())) {
				part.addPart().setName("note").setValue(new StringType("no stop is possible at this look: the "
						+ "boundary is 7.5 or more, reported as infinite as rpact does"));
			}
		}
		parameters.addParameter().setName("look").setValue(new IntegerType(result.look()));
		parameters.addParameter().setName("information-fraction").setValue(decimal(result.informationFraction()));
		ParametersParameterComponent pooled = parameters.addParameter().setName("pooled");
		add(pooled, "mortality-day", result.outcomes().mortalityDay());
		add(pooled, "randomized", result.outcomes().randomized());
		add(pooled, "subjects-with-outcome", result.outcomes().withOutcome());
		add(pooled, "deaths", result.outcomes().deaths());
		Statistic s = result.statistic();
		if (s != null) {
			ParametersParameterComponent part = parameters.addParameter().setName("statistic");
			add(part, "subjects-with-outcome", s.n1() + s.n2());
			add(part, "arm-1-n", s.n1());
			add(part, "arm-1-deaths", s.deaths1());
			add(part, "arm-2-n", s.n2());
			add(part, "arm-2-deaths", s.deaths2());
			add(part, "z", s.z());
			add(part, "z-method", Z_METHOD);
			add(part, "nominal-p", s.nominalP());
			add(part, "risk-difference", s.riskDifference());
			add(part, "risk-difference-lower", s.lower());
			add(part, "risk-difference-upper", s.upper());
			add(part, "risk-difference-method", RD_METHOD);
			s.notes().forEach(note -> add(part, "note", note));
		}
		Power power = result.power();
		if (power != null) {
			ParametersParameterComponent part = parameters.addParameter().setName("conditional-power");
			add(part, "under-current-trend", power.underCurrentTrend());
			add(part, "under-null", power.underNull());
			add(part, "under-design", power.underDesign());
			add(part, "method", POWER_METHOD);
			power.notes().forEach(note -> add(part, "note", note));
		}
		if (result.decision() != null) {
			parameters.addParameter().setName("decision").setValue(new CodeType(result.decision()));
		}
		result.notes().forEach(note -> parameters.addParameter().setName("note").setValue(new StringType(note)));
		return parameters;
	}

	/** Long format: one row per number, {@code section,look,arm,statistic,value}. */
	static String csv(InterimResult result) {
		StringBuilder csv = new StringBuilder("section,look,arm,statistic,value\n");
		String look = Integer.toString(result.look());
		row(csv, "design", "", "", "spending", result.design().spending().code());
		row(csv, "design", "", "", "alpha", number(result.design().alpha()));
		row(csv, "design", "", "", "planned-subjects", Integer.toString(result.design().plannedSubjects()));
		for (Boundary boundary : result.boundaries()) {
			String at = Integer.toString(boundary.look());
			row(csv, "boundary", at, "", "information-fraction", number(boundary.informationFraction()));
			row(csv, "boundary", at, "", "z", Double.isInfinite(boundary.z()) ? "Inf" : number(boundary.z()));
			row(csv, "boundary", at, "", "nominal-p", number(boundary.nominalP()));
			row(csv, "boundary", at, "", "alpha-spent", number(boundary.alphaSpent()));
		}
		row(csv, "look", look, "", "information-fraction", number(result.informationFraction()));
		row(csv, "pooled", look, "", "randomized", Integer.toString(result.outcomes().randomized()));
		row(csv, "pooled", look, "", "subjects-with-outcome", Integer.toString(result.outcomes().withOutcome()));
		row(csv, "pooled", look, "", "deaths", Integer.toString(result.outcomes().deaths()));
		Statistic s = result.statistic();
		if (s != null) {
			List<Outcomes.ArmOutcome> arms = result.outcomes().arms();
			row(csv, "statistic", look, arms.get(0).name(), "n", Integer.toString(s.n1()));
			row(csv, "statistic", look, arms.get(0).name(), "deaths", Integer.toString(s.deaths1()));
			row(csv, "statistic", look, arms.get(1).name(), "n", Integer.toString(s.n2()));
			row(csv, "statistic", look, arms.get(1).name(), "deaths", Integer.toString(s.deaths2()));
			row(csv, "statistic", look, "", "z", number(s.z()));
			row(csv, "statistic", look, "", "nominal-p", number(s.nominalP()));
			row(csv, "statistic", look, "", "risk-difference", number(s.riskDifference()));
			row(csv, "statistic", look, "", "risk-difference-lower", number(s.lower()));
			row(csv, "statistic", look, "", "risk-difference-upper", number(s.upper()));
		}
		Power power = result.power();
		if (power != null) {
			row(csv, "conditional-power", look, "", "under-current-trend", number(power.underCurrentTrend()));
			row(csv, "conditional-power", look, "", "under-null", number(power.underNull()));
			row(csv, "conditional-power", look, "", "under-design", number(power.underDesign()));
		}
		if (result.decision() != null) {
			row(csv, "decision", look, "", "decision", result.decision());
		}
		result.notes().forEach(note -> row(csv, "note", look, "", "note", note));
		return csv.toString();
	}

	private static void row(StringBuilder csv, String... cells) {
		for (int i = 0; i < cells.length; i++) {
			csv.append(i == 0 ? "" : ",").append(cell(cells[i]));
		}
		csv.append('\n');
	}

	/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a spreadsheet does not run it. */
	private static String cell(String value) {
		String text = value;
		if (!text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private static String number(Double value) {
		return value == null ? "" : BigDecimal.valueOf(value).toPlainString();
	}

	private static void add(ParametersParameterComponent part, String name, Object value) {
		if (value == null) {
			return;
		}
		ParametersParameterComponent child = part.addPart().setName(name);
		if (value instanceof Integer integer) {
			child.setValue(new IntegerType(integer));
		} else if (value instanceof Double number) {
			child.setValue(decimal(number));
		} else {
			child.setValue(new StringType(value.toString()));
		}
	}

	private static DecimalType decimal(double value) {
		return new DecimalType(BigDecimal.valueOf(value));
	}
}
