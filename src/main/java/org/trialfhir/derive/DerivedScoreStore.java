package org.trialfhir.derive;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.trialfhir.server.ResolvedIds;

/**
 * Writes derived Observations so that re-deriving an unchanged score changes nothing: the fresh rendering is
 * compared with the stored one (ignoring id and meta apart from the profile) and only a difference is written,
 * under a stable client-assigned id, so two derivations can never create two copies.
 *
 * <p>The changed scores of one derivation are written with one {@link TransactionDetails}, into which the targets of
 * their {@code subject} and {@code derivedFrom} references are resolved first, in one query. HAPI indexes a
 * reference it finds resolved there as it is; otherwise it looks the target up with a query of its own per
 * reference (its id cache is off while deletes are enabled) and, for an update, first compares it with every
 * existing link of the resource — per reference, so quadratic in a score's inputs. A target not found (deleted
 * meanwhile) is left to HAPI, which answers for it as before. Which of the scores exist already is recorded there
 * too, in one query ({@link ResolvedIds}), where HAPI's update would look up each score's id on its own.
 *
 * <p>Each score is flushed as soon as it is written. The derivation's session flushes only at commit, and a single
 * flush holding new versions of stored scores and new scores together is put in an order that inserts index rows
 * of a new score before its {@code HFJ_RESOURCE} row (Hibernate's {@code order_inserts}): the commit failed with
 * {@code fk_sp_token_res}, every retry alike. One score per flush is the shape of any single FHIR write. After its
 * flush the session is cleared, so each flush checks only the one score's entities.
 */
@Component
class DerivedScoreStore {

	/** A freshly rendered score and the stored Observation of the same identifier, or null. */
	record Write(Observation fresh, Observation stored) {}

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final IFhirResourceDao<Observation> observations;
	private final IIdHelperService<?> ids;
	private final FhirContext fhirContext;

	@PersistenceContext
	private EntityManager entityManager;

	DerivedScoreStore(DaoRegistry daos, IIdHelperService<?> ids, FhirContext fhirContext) {
		this.observations = daos.getResourceDao(Observation.class);
		this.ids = ids;
		this.fhirContext = fhirContext;
	}

	/**
	 * Stores each fresh score unless its stored one already says the same; returns what is stored, in the order
	 * given. Runs in the caller's transaction.
	 */
	List<Observation> upsert(List<Write> writes) {
		Set<Write> changed = Collections.newSetFromMap(new IdentityHashMap<>());
		writes.stream().filter(w -> w.stored() == null || !sameContent(w.stored(), w.fresh())).forEach(changed::add);
		changed.forEach(DerivedScoreStore::assignId);
		TransactionDetails details = new TransactionDetails();
		Set<IIdType> targets = resolveTargets(changed, details);
		ResolvedIds.recordWhichExist(ids, changed.stream().map(w -> w.fresh().getIdElement()).toList(), targets,
				details);
		List<Observation> result = new ArrayList<>(writes.size());
		for (Write write : writes) {
			result.add(changed.contains(write) ? store(write, details) : write.stored());
		}
		return result;
	}

	void delete(Observation stored) {
		observations.delete(stored.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
	}

	/** Equal exactly when the two would be stored as the same JSON, id and meta apart from the profile aside. */
	boolean sameContent(Observation a, Observation b) {
		return encode(a).equals(encode(b));
	}

	/** {@code ds-<identifier value>}, or a hash of it when that is no valid FHIR id (too long, odd characters). */
	static String resourceId(String identifierValue) {
		String id = "ds-" + identifierValue;
		return FHIR_ID.matcher(id).matches() ? id : "ds-" + sha256(identifierValue).substring(0, 40);
	}

	/** The stored score's id, or for a new one the id its identifier gives. */
	private static void assignId(Write write) {
		Observation fresh = write.fresh();
		fresh.setId(write.stored() != null ? write.stored().getIdElement().toUnqualifiedVersionless()
				: new IdType("Observation", resourceId(DerivedObservations.identifierValue(fresh))));
	}

	private Observation store(Write write, TransactionDetails details) {
		Observation stored = (Observation) observations
				.update(write.fresh(), null, true, false, new SystemRequestDetails(), details).getResource();
		entityManager.flush();
		// The score is in the database now and nothing reads its entities again: kept in the session, they would be
		// dirty-checked at every later flush, quadratic in the scores written. The resolved references in details
		// are ids, not entities.
		entityManager.clear();
		return stored;
	}

	/**
	 * Resolves, in one query, the live targets of the scores' subject and derivedFrom references into {@code details},
	 * as HAPI would one by one (deleted resources excluded, no cache). Returns the targets.
	 */
	private Set<IIdType> resolveTargets(Collection<Write> writes, TransactionDetails details) {
		Set<IIdType> targets = new LinkedHashSet<>();
		for (Write write : writes) {
			targets.add(write.fresh().getSubject().getReferenceElement().toUnqualifiedVersionless());
			for (Reference input : write.fresh().getDerivedFrom()) {
				targets.add(input.getReferenceElement().toUnqualifiedVersionless());
			}
		}
		targets.removeIf(id -> !id.hasResourceType() || !id.hasIdPart());
		if (!targets.isEmpty()) {
			ids.resolveResourceIdentities(RequestPartitionId.allPartitions(), targets,
					ResolveIdentityMode.excludeDeleted().noCacheUnlessDeletesDisabled())
					.forEach((id, lookup) -> details.addResolvedResourceId(id, lookup.getPersistentId()));
		}
		return targets;
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
