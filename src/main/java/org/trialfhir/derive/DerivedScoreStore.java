package org.trialfhir.derive;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * Writes derived Observations so that re-deriving an unchanged score changes nothing: the fresh rendering is
 * compared with the stored one (ignoring id and meta apart from the profile) and only a difference is written,
 * under a stable client-assigned id, so two derivations can never create two copies.
 */
@Component
class DerivedScoreStore {

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final IFhirResourceDao<Observation> observations;
	private final FhirContext fhirContext;

	DerivedScoreStore(DaoRegistry daos, FhirContext fhirContext) {
		this.observations = daos.getResourceDao(Observation.class);
		this.fhirContext = fhirContext;
	}

	/** Stores {@code fresh} unless {@code stored} (may be null) already says the same; returns what is stored. */
	Observation upsert(Observation fresh, Observation stored) {
		if (stored != null && sameContent(stored, fresh)) {
			return stored;
		}
		fresh.setId(stored != null ? stored.getIdElement().toUnqualifiedVersionless()
				: new IdType("Observation", resourceId(DerivedObservations.identifierValue(fresh))));
		return (Observation) observations.update(fresh, new SystemRequestDetails()).getResource();
	}

	void delete(Observation stored) {
		observations.delete(stored.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
	}

	boolean sameContent(Observation a, Observation b) {
		return encode(a).equals(encode(b));
	}

	/** {@code ds-<identifier value>}, or a hash of it when that is no valid FHIR id (too long, odd characters). */
	static String resourceId(String identifierValue) {
		String id = "ds-" + identifierValue;
		return FHIR_ID.matcher(id).matches() ? id : "ds-" + sha256(identifierValue).substring(0, 40);
	}

	private String encode(Observation o) {
		Observation copy = o.copy();
		copy.setIdElement(null);
		Meta meta = new Meta();
		o.getMeta().getProfile().forEach(p -> meta.addProfile(p.getValue()));
		copy.setMeta(meta);
		return fhirContext.newJsonParser().encodeResourceToString(copy);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
