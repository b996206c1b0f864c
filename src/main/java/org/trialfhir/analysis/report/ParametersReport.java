package org.trialfhir.analysis.report;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.analysis.baseline.BaselineTable;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.Change;
import org.trialfhir.analysis.compare.Comparison;
import org.trialfhir.analysis.compare.DicResolution;
import org.trialfhir.analysis.compare.Mortality;
import org.trialfhir.analysis.compare.Safety;
import org.trialfhir.analysis.consort.ConsortFlow;
import org.trialfhir.stats.KaplanMeierCurve;
import org.trialfhir.stats.KaplanMeierStep;
import org.trialfhir.stats.Summary;
import org.trialfhir.stats.TestMethod;

/**
 * The result as the Parameters resource of docs/api.md §5.2: parameters {@code arm}, {@code mortality},
 * {@code comparison}, {@code change}, {@code dic-resolution}, {@code safety} with exactly the contract's part names.
 * A value that cannot be computed is absent and a {@code note} part says why. Beyond the contract: top-level
 * {@code note}s (left-out subjects, blinding), {@code unpaired-ranksum-method} (every p-value carries its method),
 * and, for a blinded study read without the {@code unblinded} scope, {@code pooled} (day, n, deaths, mortality)
 * instead of every arm-level part.
 */
public final class ParametersReport {

	private ParametersReport() {
	}

	/** The result, then the study's {@code consort} flow and {@code baseline} table (docs/analysis.md). */
	public static Parameters render(AnalysisResult result, ConsortFlow consort, BaselineTable baseline) {
		Parameters parameters = render(result);
		parameters.addParameter(consort.toParameter(result.armsShown()));
		parameters.addParameter(baseline.toParameter(result.armsShown()));
		return parameters;
	}

	public static Parameters render(AnalysisResult result) {
		Parameters parameters = new Parameters();
		result.notes().forEach(note -> parameters.addParameter().setName("note").setValue(new StringType(note)));
		if (!result.armsShown()) {
			AnalysisResult.Pooled pooled = result.pooled();
			ParametersParameterComponent part = parameters.addParameter().setName("pooled");
			add(part, "day", pooled.day());
			add(part, "n", pooled.n());
			add(part, "deaths", pooled.deaths());
			add(part, "mortality", pooled.mortality());
			return parameters;
		}
		mortality(parameters, result.mortality());
		result.comparisons().forEach(c -> comparison(parameters.addParameter().setName("comparison"), c));
		result.changes().forEach(c -> change(parameters.addParameter().setName("change"), c));
		dicResolution(parameters.addParameter().setName("dic-resolution"), result.dicResolution());
		result.safety().forEach(s -> safety(parameters.addParameter().setName("safety"), s));
		return parameters;
	}

	private static void mortality(Parameters parameters, Mortality m) {
		for (Mortality.ArmCount arm : m.arms()) {
			ParametersParameterComponent part = parameters.addParameter().setName("arm");
			add(part, "name", arm.name());
			add(part, "n", arm.n());
			add(part, "deaths", arm.deaths());
			add(part, "mortality", arm.mortality());
			if (arm.mortality() == null) {
				add(part, "note", "no subjects in this arm");
			}
		}
		ParametersParameterComponent part = parameters.addParameter().setName("mortality");
		add(part, "day", m.day());
		add(part, "risk-difference", m.riskDifference().estimate());
		add(part, "risk-difference-lower", m.riskDifference().lower());
		add(part, "risk-difference-upper", m.riskDifference().upper());
		add(part, "risk-ratio", m.riskRatio().estimate());
		add(part, "risk-ratio-lower", m.riskRatio().lower());
		add(part, "risk-ratio-upper", m.riskRatio().upper());
		add(part, "fisher-p", m.fisher().p());
		add(part, "logrank-chisq", m.logRank().chiSquare());
		add(part, "logrank-p", m.logRank().p());
		for (int arm = 0; arm < m.curves().size(); arm++) {
			KaplanMeierCurve curve = m.curves().get(arm);
			for (KaplanMeierStep step : curve.steps()) {
				ParametersParameterComponent survival = part.addPart().setName("survival");
				add(survival, "arm", m.arms().get(arm).name());
				add(survival, "day", step.time());
				add(survival, "estimate", step.survival());
			}
			String name = m.arms().get(arm).name();
			curve.notes().forEach(note -> add(part, "note", name + " survival: " + note));
		}
		notes(part, Notes.mortality(m));
	}

	private static void comparison(ParametersParameterComponent part, Comparison c) {
		part.addPart().setName("variable").setValue(coding(c.variable()));
		add(part, "day", c.day());
		summary(part, "arm-1-", c.arm1());
		summary(part, "arm-2-", c.arm2());
		add(part, "w", c.test().w());
		add(part, "ranksum-p", c.test().p());
		method(part, "ranksum-method", c.test().method());
		add(part, "hodges-lehmann", c.test().shift().estimate());
		add(part, "hl-lower", c.test().shift().lower());
		add(part, "hl-upper", c.test().shift().upper());
		notes(part, Notes.comparison(c));
	}

	private static void summary(ParametersParameterComponent part, String prefix, Summary summary) {
		add(part, prefix + "n", summary.n());
		add(part, prefix + "median", summary.median());
		add(part, prefix + "q1", summary.q1());
		add(part, prefix + "q3", summary.q3());
	}

	private static void change(ParametersParameterComponent part, Change c) {
		part.addPart().setName("variable").setValue(coding(c.variable()));
		add(part, "arm", c.arm());
		add(part, "baseline-day", c.baselineDay());
		add(part, "followup-day", c.followupDay());
		add(part, "pairs", c.paired().pairs());
		add(part, "median-baseline", c.medianBaseline());
		add(part, "median-followup", c.medianFollowup());
		add(part, "v", c.paired().v());
		add(part, "signedrank-p", c.paired().p());
		method(part, "signedrank-method", c.paired().method());
		add(part, "unpaired-ranksum-p", c.unpaired().p());
		method(part, "unpaired-ranksum-method", c.unpaired().method());
		notes(part, Notes.change(c));
	}

	private static void dicResolution(ParametersParameterComponent part, DicResolution d) {
		add(part, "day", d.day());
		for (DicResolution.Arm arm : d.arms()) {
			ParametersParameterComponent armPart = part.addPart().setName("arm");
			add(armPart, "arm", arm.name());
			add(armPart, "at-risk", arm.atRisk());
			add(armPart, "resolved", arm.resolved());
			add(armPart, "proportion", arm.proportion());
		}
		add(part, "risk-difference", d.riskDifference().estimate());
		add(part, "risk-difference-lower", d.riskDifference().lower());
		add(part, "risk-difference-upper", d.riskDifference().upper());
		add(part, "fisher-p", d.fisher().p());
		part.addPart().setName("score").setValue(new CodeType(d.score()));
		notes(part, Notes.dicResolution(d));
	}

	private static void safety(ParametersParameterComponent part, Safety s) {
		part.addPart().setName("category").setValue(new CodeType(s.category()));
		for (Safety.Arm arm : s.arms()) {
			ParametersParameterComponent armPart = part.addPart().setName("arm");
			add(armPart, "arm", arm.name());
			add(armPart, "n", arm.n());
			add(armPart, "events", arm.events());
		}
		add(part, "fisher-p", s.fisher().p());
		notes(part, Notes.safety(s));
	}

	static Coding coding(AnalysisVariable variable) {
		return new Coding(variable.system(), variable.code(), variable.label());
	}

	private static void method(ParametersParameterComponent part, String name, TestMethod method) {
		if (method != null) {
			part.addPart().setName(name).setValue(new CodeType(method.label()));
		}
	}

	private static void notes(ParametersParameterComponent part, List<String> notes) {
		notes.forEach(note -> add(part, "note", note));
	}

	private static Type type(Object value) {
		if (value instanceof Integer i) {
			return new IntegerType(i);
		}
		if (value instanceof Double d) {
			return new DecimalType(BigDecimal.valueOf(d));
		}
		return new StringType(value.toString());
	}

	private static void add(ParametersParameterComponent part, String name, Object value) {
		if (value != null) {
			part.addPart().setName(name).setValue(type(value));
		}
	}
}
