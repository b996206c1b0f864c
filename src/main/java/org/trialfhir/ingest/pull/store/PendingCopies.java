package org.trialfhir.ingest.pull.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;
import org.trialfhir.adjudication.AdjudicationTags;
import org.trialfhir.ingest.pull.bookkeeping.PulledVersions;
import org.trialfhir.ingest.push.ObservationUpsert;

/**
 * Our copy of a value from a source whose values a coordinator must accept ({@code adjudication: required}): stored
 * {@code preliminary} with the pending tag, so that no score counts it before it is accepted. The source version is
 * told by the fingerprint of the copy as the hospital sent it: the same version pulled again changes nothing, whatever
 * was decided; a new version becomes a new pending version of our copy whose note shows the value before and after,
 * while the decided version stays in the history.
 */
@Component
class PendingCopies {

	static final String NOTE_AUTHOR = "TrialFHIR EHR pull";

	private final ObservationUpsert upsert;
	private final PulledVersions versions;
	private final IFhirResourceDao<Observation> observations;
	private final FhirContext fhirContext;

	PendingCopies(ObservationUpsert upsert, PulledVersions versions, DaoRegistry daos, FhirContext fhirContext) {
		this.upsert = upsert;
		this.versions = versions;
		this.observations = daos.getResourceDao(Observation.class);
		this.fhirContext = fhirContext;
	}

	ObservationUpsert.Result store(Observation copy) {
		Identifier key = copy.getIdentifierFirstRep();
		String fingerprint = fingerprint(copy);
		Optional<Observation> stored = find(key);
		boolean sameVersion = versions.fingerprint(key.getSystem(), key.getValue()).filter(fingerprint::equals)
				.isPresent();
		if (stored.isPresent() && sameVersion) {
			return new ObservationUpsert.Result(stored.get().getIdElement(), ObservationUpsert.Outcome.UNCHANGED);
		}
		Observation pending = copy.copy();
		pending.setStatus(ObservationStatus.PRELIMINARY);
		AdjudicationTags.mark(pending, AdjudicationTags.PENDING);
		stored.ifPresent(previous -> pending.addNote(changeNote(previous, copy)));
		ObservationUpsert.Result result = upsert.upsert(pending, AdjudicationTags.replacingTags());
		versions.record(key.getSystem(), key.getValue(), fingerprint);
		return result;
	}

	private Optional<Observation> find(Identifier key) {
		SearchParameterMap byKey = SearchParameterMap.newSynchronous("identifier",
				new TokenParam(key.getSystem(), key.getValue()));
		return observations.search(byKey, new SystemRequestDetails()).getAllResources().stream()
				.map(Observation.class::cast).findFirst();
	}

	/** What the coordinator needs to judge the new version: the value before and after, and what was decided. */
	private static Annotation changeNote(Observation previous, Observation now) {
		String decided = AdjudicationTags.stateOf(previous).orElse("not adjudicated");
		String text = "Changed at the source after version " + previous.getIdElement().getVersionIdPart() + " ("
				+ decided + "): value was " + describe(previous) + ", now " + describe(now);
		return new Annotation().setText(text).setTime(new Date()).setAuthor(
				new org.hl7.fhir.r4.model.StringType(NOTE_AUTHOR));
	}

	/** The value as a person reads it: {@code 48 10*9/L}, a code, or the components' values. */
	static String describe(Observation observation) {
		if (observation.hasComponent()) {
			return observation.getComponent().stream()
					.map(c -> c.getCode().getCodingFirstRep().getCode() + " " + describe(c.getValue(),
							c.hasDataAbsentReason()))
					.collect(Collectors.joining("; "));
		}
		return describe(observation.getValue(), observation.hasDataAbsentReason());
	}

	private static String describe(Type value, boolean absent) {
		if (value instanceof Quantity quantity) {
			return quantity.getValue().toPlainString() + (quantity.hasCode() ? " " + quantity.getCode()
					: quantity.hasUnit() ? " " + quantity.getUnit() : "");
		}
		if (value != null && value.isPrimitive()) {
			return value.primitiveValue();
		}
		return absent ? "absent" : "none";
	}

	private String fingerprint(Observation copy) {
		try {
			byte[] json = fhirContext.newJsonParser().encodeResourceToString(copy).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}
}
