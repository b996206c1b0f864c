package org.trialfhir.derive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.trialfhir.scoring.Measurement;
import org.trialfhir.scoring.RejectedInput;
import org.trialfhir.scoring.Vasopressor;
import org.trialfhir.scoring.VasopressorInfusion;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.UnitConverter;

/**
 * Procedures and MedicationAdministrations → {@link InputTimeline} (docs/api.md §4, docs/scores-spec.md §2.2
 * "Inputs that are not lab or vital Observations").
 *
 * <p>Respiratory support: Procedure completed or in-progress, SNOMED 40617009 / 428311008, with a
 * {@code performedPeriod} (no end = still running). Vasopressors: MedicationAdministration completed or
 * in-progress, a {@code medicationCodeableConcept} with an RxNorm code of {@link Vasopressor},
 * an {@code effectivePeriod} (no end = still running) and {@code dosage.rateQuantity} in ug/kg/min or γ, or a mass
 * rate (mg/h, ug/min) divided by the latest body weight (29463-7) at or before the start (else the first one
 * recorded). The rate's UCUM {@code code} is read, or its {@code unit} when it has no code (γ is not UCUM).
 */
final class TreatmentReader {

	private static final Set<String> SUPPORT_CODES = Set.of("40617009", "428311008");

	private final UnitConverter converter;
	private final InputTimeline timeline;

	TreatmentReader(UnitConverter converter, InputTimeline timeline) {
		this.converter = converter;
		this.timeline = timeline;
	}

	void procedures(List<Procedure> procedures) {
		for (Procedure p : procedures) {
			boolean counts = p.getStatus() == ProcedureStatus.COMPLETED || p.getStatus() == ProcedureStatus.INPROGRESS;
			Coding code = Fhir.coding(p.getCode(), Fhir.SNOMED);
			if (counts && code != null && SUPPORT_CODES.contains(code.getCode()) && p.hasPerformedPeriod()
					&& p.getPerformedPeriod().hasStart()) {
				Period period = p.getPerformedPeriod();
				timeline.support.add(new SupportPeriod(Fhir.start(period), Fhir.end(period), Fhir.source(p)));
			}
		}
	}

	void administrations(List<MedicationAdministration> administrations) {
		timeline.weights.sort(Comparator.comparing(Measurement::time));
		for (MedicationAdministration m : administrations) {
			boolean counts = m.getStatus() == MedicationAdministrationStatus.COMPLETED
					|| m.getStatus() == MedicationAdministrationStatus.INPROGRESS;
			Vasopressor agent = agent(m);
			if (counts && agent != null) {
				infusion(m, agent);
			}
		}
	}

	private static Vasopressor agent(MedicationAdministration m) {
		if (!m.hasMedicationCodeableConcept()) {
			return null; // a medicationReference is not resolved (see docs/scores.md "FHIR mapping")
		}
		for (Coding c : m.getMedicationCodeableConcept().getCoding()) {
			if (Vasopressor.RXNORM.equals(c.getSystem()) && c.hasCode()) {
				var agent = Vasopressor.byRxNorm(c.getCode());
				if (agent.isPresent()) {
					return agent.get();
				}
			}
		}
		return null;
	}

	private void infusion(MedicationAdministration m, Vasopressor agent) {
		String source = Fhir.source(m);
		if (!m.hasEffectivePeriod() || !m.getEffectivePeriod().hasStart()) {
			Instant at = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType().getValue().toInstant() : null;
			if (at != null) {
				reject(source, Span.at(at), "an infusion needs an effectivePeriod with a start");
			}
			return;
		}
		Instant start = Fhir.start(m.getEffectivePeriod());
		Instant end = Fhir.end(m.getEffectivePeriod());
		Span span = new Span(start, end);
		if (end != null && end.isBefore(start)) {
			reject(source, Span.at(start), "effectivePeriod ends before it starts");
			return;
		}
		if (!m.getDosage().hasRateQuantity()) {
			reject(source, span, "dosage.rateQuantity (ug/kg/min, or mg/h or ug/min with a body weight) is missing");
			return;
		}
		Quantity rate = m.getDosage().getRateQuantity();
		String unit = rate.hasCode() ? rate.getCode() : rate.getUnit();
		Measurement weight = weightAt(start);
		Conversion c = converter.convertVasopressorRate(rate.getValue(), unit,
				weight == null ? null : BigDecimal.valueOf(weight.value()));
		if (c instanceof Conversion.Rejected r) {
			reject(source, span, r.reason());
			return;
		}
		if (!UnitConverter.VASOPRESSOR_RATE_UNIT.equals(unit) && !UnitConverter.GAMMA.equals(unit) && weight != null) {
			weight.sources().forEach(w -> timeline.weightUsedBy.put(source, w));
		}
		Set<String> products = m.getMedicationCodeableConcept().getCoding().stream()
				.filter(code -> code.hasCode() && !agent.rxNormCodes().contains(code.getCode())).map(Coding::getCode)
				.collect(Collectors.toSet()); // a site's product code names the salt for SOFA-2 (E10)
		timeline.infusions.add(new VasopressorInfusion(agent, ((Conversion.Converted) c).value(), start, end, source,
				products));
	}

	/** The latest body weight at or before {@code time}, else the earliest one; null when none. */
	private Measurement weightAt(Instant time) {
		Measurement latest = null;
		for (Measurement w : timeline.weights) {
			if (!w.time().isAfter(time)) {
				latest = w;
			}
		}
		return latest != null ? latest : timeline.weights.isEmpty() ? null : timeline.weights.get(0);
	}

	private void reject(String source, Span span, String reason) {
		timeline.rejections.add(new TimedRejection(new RejectedInput("vasopressor", source, reason), span));
	}
}
