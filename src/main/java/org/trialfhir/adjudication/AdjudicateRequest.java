package org.trialfhir.adjudication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.trialfhir.errors.TrialFhirException;

/**
 * The validated parameters of {@code $adjudicate}: the {@code decision}, the {@code reason} (trimmed; required to
 * reject, kept in the note of a rejected value and in the audit trail) and, on a ResearchSubject, the
 * {@code observation} references. Bad input is refused with {@link TrialFhirException#invalid} (400).
 */
record AdjudicateRequest(Decision decision, String reason) {

	/** Longer than any reason a person types; a bound so that a note or an audit record cannot be made huge. */
	static final int MAX_REASON_LENGTH = 1000;
	/** Values decided in one bulk call, in one database transaction. */
	static final int MAX_OBSERVATIONS = 500;

	/** What a coordinator may decide, and what it makes of the value. */
	enum Decision {
		ACCEPT("accept", ObservationStatus.FINAL, AdjudicationTags.ACCEPTED),
		REJECT("reject", ObservationStatus.ENTEREDINERROR, AdjudicationTags.REJECTED);

		final String code;
		final ObservationStatus status;
		final String tag;

		Decision(String code, ObservationStatus status, String tag) {
			this.code = code;
			this.status = status;
			this.tag = tag;
		}
	}

	static AdjudicateRequest from(CodeType decision, StringType reason) {
		if (decision == null || decision.isEmpty() || decision.getValue().isBlank()) {
			throw TrialFhirException.invalid(location("decision"),
					"Parameter 'decision' is required: 'accept' or 'reject'");
		}
		Decision chosen = switch (decision.getValue()) {
			case "accept" -> Decision.ACCEPT;
			case "reject" -> Decision.REJECT;
			default -> throw TrialFhirException.invalid(location("decision"), "Parameter 'decision' is '"
					+ abbreviate(decision.getValue()) + "'; it must be 'accept' or 'reject'");
		};
		String why = reason == null || reason.isEmpty() || reason.getValue().isBlank() ? null : reason.getValue().trim();
		if (why == null && chosen == Decision.REJECT) {
			throw TrialFhirException.invalid(location("reason"),
					"Parameter 'reason' is required to reject: why the value must not count (kept with the value)");
		}
		if (why != null && why.length() > MAX_REASON_LENGTH) {
			throw TrialFhirException.invalid(location("reason"), "Parameter 'reason' has " + why.length()
					+ " characters; at most " + MAX_REASON_LENGTH + " are kept");
		}
		return new AdjudicateRequest(chosen, why);
	}

	/** The ids of the {@code observation} references: each {@code Observation/<id>}, once. */
	static List<String> observations(List<Reference> references) {
		if (references == null || references.isEmpty()) {
			throw TrialFhirException.invalid(location("observation"),
					"Parameter 'observation' is required: one reference Observation/<id> per value to decide");
		}
		if (references.size() > MAX_OBSERVATIONS) {
			throw TrialFhirException.invalid(location("observation"), references.size()
					+ " 'observation' parameters; at most " + MAX_OBSERVATIONS + " values are decided in one call");
		}
		List<String> ids = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < references.size(); i++) {
			String where = location("observation") + "[" + i + "]";
			String reference = references.get(i).getReference();
			IdType id = reference == null ? null : new IdType(reference);
			if (id == null || !"Observation".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()
					|| !id.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}")) {
				throw TrialFhirException.invalid(where, "'observation' must be a reference Observation/<id>, not "
						+ (reference == null ? "empty" : "'" + abbreviate(reference) + "'"));
			}
			if (!seen.add(id.getIdPart())) {
				throw TrialFhirException.invalid(where, "Observation/" + id.getIdPart() + " is given twice");
			}
			ids.add(id.getIdPart());
		}
		return ids;
	}

	static String location(String parameter) {
		return "Parameters.parameter.where(name = '" + parameter + "')";
	}

	private static String abbreviate(String text) {
		return text.length() <= 64 ? text : text.substring(0, 64) + "…";
	}
}
