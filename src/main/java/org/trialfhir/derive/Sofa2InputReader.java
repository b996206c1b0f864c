package org.trialfhir.derive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.scoring.DrugExposure;
import org.trialfhir.scoring.OrganSupport;
import org.trialfhir.scoring.RejectedInput;
import org.trialfhir.scoring.Vasopressor;

/**
 * The treatments SOFA-2 adds (docs/scores.md "FHIR mapping", SOFA-2 inputs) → {@link InputTimeline}: organ-support
 * Procedures (advanced respiratory support, ECMO and its configuration, mechanical circulatory support, RRT and its
 * indication) and MedicationAdministrations of sedatives, delirium drugs and non-catecholamine vasoactive agents.
 *
 * <p>Counted: status completed or in-progress. A support needs {@code performedPeriod} with a start (no end = still
 * running); an infusion needs {@code effectivePeriod} with a start and a {@code dosage.rateQuantity} above 0 (a rate
 * of 0 is a stopped pump); a delirium drug needs only its time. A recognised code without those is rejected, so the
 * score flags it, never guessed.
 */
final class Sofa2InputReader {

	static final String SUPPORT = TrialCanonicals.CS_TRIAL_SUPPORT;
	/** Rejections carry these variable ids; SOFA-2 flags them. */
	static final String SUPPORT_VARIABLE = "organ_support";
	static final String DRUG_VARIABLE = "sofa2_drug";

	private static final Set<String> ADVANCED_RESPIRATORY_SNOMED = Set.of("40617009", "428311008", "426854004",
			"47545007");
	private static final Set<String> ADVANCED_RESPIRATORY_LOCAL = Set.of("hfno", "cpap", "home-ventilation");
	private static final String ECMO_SNOMED = "233573008";
	private static final Set<String> ECMO_ARTERIAL_RETURN = Set.of("ecmo-va", "ecmo-vav");
	private static final Set<String> CIRCULATORY_LOCAL = Set.of("iabp", "lvad", "microaxial-pump");
	private static final Set<String> RRT_SNOMED = Set.of("714749008", "302497006", "71192002");
	private static final Set<String> RRT_LOCAL = Set.of("crrt", "intermittent-hemodialysis", "sled",
			"peritoneal-dialysis");

	/** RxNorm ingredient → (kind, agent name) (E5, E6, E9). */
	private static final Map<String, Drug> DRUGS = Map.ofEntries(
			Map.entry("8782", new Drug(DrugExposure.Kind.SEDATIVE_INFUSION, "propofol")),
			Map.entry("6960", new Drug(DrugExposure.Kind.SEDATIVE_INFUSION, "midazolam")),
			Map.entry("6470", new Drug(DrugExposure.Kind.SEDATIVE_INFUSION, "lorazepam")),
			Map.entry("48937", new Drug(DrugExposure.Kind.SEDATIVE_INFUSION, "dexmedetomidine")),
			Map.entry("5093", new Drug(DrugExposure.Kind.DELIRIUM_DRUG, "haloperidol")),
			Map.entry("51272", new Drug(DrugExposure.Kind.DELIRIUM_DRUG, "quetiapine")),
			Map.entry("61381", new Drug(DrugExposure.Kind.DELIRIUM_DRUG, "olanzapine")),
			Map.entry("35636", new Drug(DrugExposure.Kind.DELIRIUM_DRUG, "risperidone")),
			Map.entry("115698", new Drug(DrugExposure.Kind.DELIRIUM_DRUG, "ziprasidone")),
			Map.entry("11149", new Drug(DrugExposure.Kind.OTHER_VASOACTIVE, "vasopressin")),
			Map.entry("8163", new Drug(DrugExposure.Kind.OTHER_VASOACTIVE, "phenylephrine")),
			Map.entry("52769", new Drug(DrugExposure.Kind.OTHER_VASOACTIVE, "milrinone")),
			Map.entry("6054", new Drug(DrugExposure.Kind.OTHER_VASOACTIVE, "isoproterenol")));

	private record Drug(DrugExposure.Kind kind, String agent) {
	}

	private final InputTimeline timeline;

	Sofa2InputReader(InputTimeline timeline) {
		this.timeline = timeline;
	}

	void procedures(List<Procedure> procedures) {
		for (Procedure p : procedures) {
			boolean counts = p.getStatus() == ProcedureStatus.COMPLETED || p.getStatus() == ProcedureStatus.INPROGRESS;
			OrganSupport.Kind kind = counts ? kind(p) : null;
			if (kind == null) {
				continue;
			}
			String source = Fhir.source(p);
			if (!p.hasPerformedPeriod() || !p.getPerformedPeriod().hasStart()) {
				Instant at = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue().toInstant() : null;
				if (at != null) {
					reject(SUPPORT_VARIABLE, source, Span.at(at), "an organ support needs a performedPeriod with a start");
				}
				continue;
			}
			Instant start = Fhir.start(p.getPerformedPeriod());
			Instant end = Fhir.end(p.getPerformedPeriod());
			if (end != null && end.isBefore(start)) {
				reject(SUPPORT_VARIABLE, source, Span.at(start), "performedPeriod ends before it starts");
				continue;
			}
			timeline.organSupport.add(new OrganSupport(kind, start, end, source));
		}
	}

	/** What a Procedure is for SOFA-2, or null when it is none of its supports. */
	static OrganSupport.Kind kind(Procedure p) {
		CodeableConcept code = p.getCode();
		if (has(code, Fhir.SNOMED, Set.of(ECMO_SNOMED)) || local(code).filter(c -> c.startsWith("ecmo-")).isPresent()) {
			if (local(code).filter(ECMO_ARTERIAL_RETURN::contains).isPresent()
					|| p.getReasonCode().stream().anyMatch(r -> has(r, SUPPORT, Set.of("cardiovascular-indication")))) {
				return OrganSupport.Kind.ECMO_VENOARTERIAL;
			}
			return local(code).filter("ecmo-vv"::equals).isPresent() ? OrganSupport.Kind.ECMO_VENOVENOUS
					: OrganSupport.Kind.ECMO_UNSPECIFIED;
		}
		if (has(code, Fhir.SNOMED, ADVANCED_RESPIRATORY_SNOMED) || has(code, SUPPORT, ADVANCED_RESPIRATORY_LOCAL)) {
			return OrganSupport.Kind.ADVANCED_RESPIRATORY;
		}
		if (has(code, SUPPORT, CIRCULATORY_LOCAL)) {
			return OrganSupport.Kind.CIRCULATORY_SUPPORT;
		}
		if (has(code, SUPPORT, Set.of("rvad"))) {
			return OrganSupport.Kind.RIGHT_VENTRICULAR_ASSIST;
		}
		if (has(code, Fhir.SNOMED, RRT_SNOMED) || has(code, SUPPORT, RRT_LOCAL)) {
			boolean nonRenal = p.getReasonCode().stream().anyMatch(r -> has(r, SUPPORT, Set.of("non-renal-indication")));
			return nonRenal ? OrganSupport.Kind.NON_RENAL_PURIFICATION : OrganSupport.Kind.RENAL_REPLACEMENT;
		}
		return null;
	}

	void administrations(List<MedicationAdministration> administrations) {
		for (MedicationAdministration m : administrations) {
			boolean counts = m.getStatus() == MedicationAdministrationStatus.COMPLETED
					|| m.getStatus() == MedicationAdministrationStatus.INPROGRESS;
			Drug drug = counts ? drug(m) : null;
			if (drug != null) {
				exposure(m, drug);
			}
		}
	}

	/** Whether SOFA-2 reads this administration (a sedative, delirium drug or vasoactive agent of its list). */
	static boolean isInput(MedicationAdministration m) {
		return drug(m) != null;
	}

	/** Whether it is one of SOFA-2's sedative infusions, whose episodes decide which GCS count (E5). */
	static boolean isSedative(MedicationAdministration m) {
		Drug drug = drug(m);
		return drug != null && drug.kind() == DrugExposure.Kind.SEDATIVE_INFUSION;
	}

	private static Drug drug(MedicationAdministration m) {
		if (!m.hasMedicationCodeableConcept()) {
			return null;
		}
		for (Coding c : m.getMedicationCodeableConcept().getCoding()) {
			if (Vasopressor.RXNORM.equals(c.getSystem()) && c.hasCode() && DRUGS.containsKey(c.getCode())) {
				return DRUGS.get(c.getCode());
			}
		}
		return null;
	}

	private void exposure(MedicationAdministration m, Drug drug) {
		String source = Fhir.source(m);
		boolean period = m.hasEffectivePeriod() && m.getEffectivePeriod().hasStart();
		Instant at = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType().getValue().toInstant() : null;
		if (drug.kind() == DrugExposure.Kind.DELIRIUM_DRUG) {
			Instant time = period ? Fhir.start(m.getEffectivePeriod()) : at;
			if (time != null) {
				timeline.drugs.add(new DrugExposure(drug.kind(), drug.agent(), time, time, source));
			}
			return;
		}
		if (!period) {
			if (at != null) {
				reject(DRUG_VARIABLE, source, Span.at(at), drug.agent() + ": an infusion needs an effectivePeriod with a start");
			}
			return;
		}
		Instant start = Fhir.start(m.getEffectivePeriod());
		Instant end = Fhir.end(m.getEffectivePeriod());
		if (end != null && end.isBefore(start)) {
			reject(DRUG_VARIABLE, source, Span.at(start), "effectivePeriod ends before it starts");
			return;
		}
		if (!m.getDosage().hasRateQuantity() || !m.getDosage().getRateQuantity().hasValue()) {
			reject(DRUG_VARIABLE, source, new Span(start, end), drug.agent() + ": dosage.rateQuantity is missing");
			return;
		}
		int sign = m.getDosage().getRateQuantity().getValue().signum();
		if (sign < 0) {
			reject(DRUG_VARIABLE, source, new Span(start, end), drug.agent() + ": a negative rate is not a rate");
		} else if (sign > 0) {
			timeline.drugs.add(new DrugExposure(drug.kind(), drug.agent(), start, end, source));
		}
	}

	private static boolean has(CodeableConcept concept, String system, Set<String> codes) {
		return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && codes.contains(c.getCode()));
	}

	private static Optional<String> local(CodeableConcept concept) {
		return concept.getCoding().stream().filter(c -> SUPPORT.equals(c.getSystem()) && c.hasCode())
				.map(Coding::getCode).findFirst();
	}

	private void reject(String variable, String source, Span span, String reason) {
		timeline.rejections.add(new TimedRejection(new RejectedInput(variable, source, reason), span));
	}
}
