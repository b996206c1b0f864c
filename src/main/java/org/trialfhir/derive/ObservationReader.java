package org.trialfhir.derive;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.trialfhir.scoring.Analyte;
import org.trialfhir.scoring.Measurement;
import org.trialfhir.scoring.RejectedInput;
import org.trialfhir.scoring.UrineOutput;
import org.trialfhir.scoring.ValueComparator;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/**
 * Observations → {@link InputTimeline} (docs/scores-spec.md §1.2, §1.3, §2; docs/api.md §4). Counted: status
 * final, amended or corrected (preliminary only where the site allows it, marked so the score is flagged). A value
 * is a {@code valueQuantity} (or a {@code component} value, e.g. SBP/DBP of a blood-pressure panel) whose UCUM
 * {@code code} the {@link UnitConverter} accepts; anything else is a rejection, never a guess. A
 * {@code dataAbsentReason} without value is simply missing. Members of a panel ({@code hasMember}) take the
 * panel's time, so a blood-gas panel forms one gas.
 */
final class ObservationReader {

	private final SubjectContext subject;
	private final UnitConverter converter;
	private final InputTimeline timeline;
	private final Map<String, Instant> panelTimes = new HashMap<>();

	ObservationReader(SubjectContext subject, UnitConverter converter, InputTimeline timeline) {
		this.subject = subject;
		this.converter = converter;
		this.timeline = timeline;
	}

	void readAll(List<Observation> observations) {
		for (Observation o : observations) {
			Instant time = Fhir.effective(o);
			if (counts(o) && time != null) {
				for (Reference member : o.getHasMember()) {
					panelTimes.put("Observation/" + member.getReferenceElement().getIdPart(), time);
				}
			}
		}
		observations.forEach(this::read);
	}

	private void read(Observation o) {
		if (!counts(o)) {
			return;
		}
		String source = Fhir.source(o);
		Instant time = panelTimes.getOrDefault(source, Fhir.effective(o));
		Coding ecrf = Fhir.coding(o.getCode(), Fhir.ECRF);
		if (ecrf != null) {
			EcrfItem.of(ecrf.getCode(), o.getValue(), time, source).ifPresent(timeline.ecrf::add);
			return;
		}
		boolean preliminary = o.getStatus() == ObservationStatus.PRELIMINARY;
		Coding code = scoredCoding(o.getCode());
		if (code != null) {
			Span span = code.getCode().equals("9187-6") ? urineSpan(o) : time == null ? null : Span.at(time);
			value(code, o.getValue(), span, source, preliminary);
		}
		for (Observation.ObservationComponentComponent component : o.getComponent()) {
			Coding part = scoredCoding(component.getCode());
			if (part != null && time != null) {
				value(part, component.getValue(), Span.at(time), source, preliminary);
			}
		}
	}

	private boolean counts(Observation o) {
		ObservationStatus status = o.getStatus();
		return status == ObservationStatus.FINAL || status == ObservationStatus.AMENDED
				|| status == ObservationStatus.CORRECTED
				|| status == ObservationStatus.PRELIMINARY && subject.allowPreliminary();
	}

	/** The coding that names a scored trial variable (docs/scores-spec.md §2.1), or null. */
	private static Coding scoredCoding(CodeableConcept concept) {
		for (Coding c : concept.getCoding()) {
			if (c.hasSystem() && c.hasCode()) {
				TrialVariable v = TrialVariable.byCode(c.getSystem(), c.getCode()).orElse(null);
				if (v != null && v.scored()) {
					return c;
				}
			}
		}
		return null;
	}

	private static Span urineSpan(Observation o) {
		if (o.hasEffectivePeriod()) {
			Period p = o.getEffectivePeriod();
			Instant start = Fhir.start(p);
			Instant end = Fhir.end(p);
			if (start != null && end != null && end.isAfter(start)) {
				return new Span(start, end);
			}
		}
		Instant time = Fhir.effective(o);
		return time == null ? null : Span.at(time);
	}

	private void value(Coding code, Type value, Span span, String source, boolean preliminary) {
		TrialVariable variable = TrialVariable.byCode(code.getSystem(), code.getCode()).orElseThrow();
		if (span == null || value == null || value.isEmpty()) {
			return; // no time to place it, or missing (dataAbsentReason): not normal, just absent
		}
		if (variable != TrialVariable.WEIGHT_KG) {
			timeline.data(span); // a body weight alone (for dose rates) does not make a scored day
		}
		if (!(value instanceof Quantity q) || !q.hasValue()) {
			reject(variable, source, span, "the value must be a valueQuantity with a number");
			return;
		}
		if (q.hasSystem() && !Fhir.UCUM.equals(q.getSystem())) {
			reject(variable, source, span, "unit system " + q.getSystem() + " is not UCUM (" + Fhir.UCUM + ")");
			return;
		}
		ValueComparator comparator;
		try {
			comparator = ValueComparator.fromFhir(q.hasComparator() ? q.getComparatorElement().getValueAsString() : null);
		} catch (IllegalArgumentException e) {
			reject(variable, source, span, e.getMessage());
			return;
		}
		Conversion c = converter.convert(code.getSystem(), code.getCode(), q.getValue(), q.getCode());
		if (c instanceof Conversion.Rejected r) {
			reject(variable, source, span, r.reason());
			return;
		}
		double canonical = ((Conversion.Converted) c).value();
		if (variable == TrialVariable.URINE_OUTPUT) {
			urine(span, canonical, source);
			return;
		}
		Measurement m = Measurement.of(source, span.from(), canonical, comparator);
		if ("kPa".equals(q.getCode())) {
			m = m.chartedInKpa(comparator.apply(q.getValue().doubleValue())); // SOFA-2 converts with 7.5 (E17)
		}
		route(variable, preliminary ? m.asPreliminary() : m);
	}

	private void urine(Span span, double millilitres, String source) {
		if (span.isInstant()) {
			timeline.rejections.add(new TimedRejection(new RejectedInput("urine_output", source,
					"urine output needs an effectivePeriod with start and end"), span));
			return;
		}
		timeline.urine.add(new UrineOutput(span.from(), span.to(), millilitres, source));
	}

	private void route(TrialVariable variable, Measurement m) {
		switch (variable) {
			case PAO2 -> timeline.pao2.add(m);
			case PACO2 -> timeline.paco2.add(m);
			case PH -> timeline.ph.add(m);
			case PF_RATIO -> timeline.pfRatio.add(m);
			case WEIGHT_KG -> timeline.weights.add(m);
			default -> timeline.add(Analyte.valueOf(variable.name()), m);
		}
	}

	private void reject(TrialVariable variable, String source, Span span, String reason) {
		timeline.rejections.add(new TimedRejection(new RejectedInput(variable.id(), source, reason), span));
	}
}
