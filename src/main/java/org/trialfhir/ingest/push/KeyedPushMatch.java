package org.trialfhir.ingest.push;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.rp.r4.ObservationResourceProvider;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.trialfhir.hapisql.ObservationsByKey;
import org.trialfhir.studyday.ObservationKeys;

/**
 * The match of a keyed single push without HAPI's search machinery. {@link KeyedObservationWrites} turns a keyed
 * {@code POST /Observation} into a conditional update on {@code Observation?identifier=system|value}; HAPI would answer
 * it by parsing that URL into a search, building and running the search's SQL, and, on a create, parsing it again to
 * store it in its table of conditional URLs. Measured, that was 7-16 % of a single POST's request-thread CPU
 * (docs/benchmarks.md). Here the key is looked up in HAPI's token index in one indexed query ({@link ObservationsByKey})
 * and the write becomes what HAPI's conditional update would have made of it:
 * <ul>
 * <li>one Observation has the key: a plain update of that id (a new version only if something changed; the
 * {@link KeyedSubjectGuard} compares the subjects as before);</li>
 * <li>none: a plain create. Two identical pushes arriving together both find none; the database's unique index on the
 * key ({@code observation-identifier-unique}) fails the second create, which is then written again through HAPI's own
 * conditional update (with its retries), and finds the first — so still one Observation, and the second push's content
 * its next version, as before;</li>
 * <li>anything else (two matches, a URL or body this class did not make, a client's own conditional PUT): HAPI's
 * conditional update, unchanged.</li>
 * </ul>
 * The same query finds the Patient the Observation's subject names ({@code Patient/<id>}), which HAPI would otherwise
 * look up through its id service to index the reference: the write is handed to HAPI with that Patient resolved, as
 * HAPI's transaction processor hands over the targets it resolved for a whole bundle. A deleted or unknown Patient is
 * not resolved, so HAPI refuses the reference as before.
 * Only the REST door of {@code /Observation} goes through here (HAPI's Observation provider gets a DAO that answers
 * this one call itself and hands every other to HAPI's): a transaction's entries are matched by
 * {@link KeyedTransactions}, a batch's keep HAPI's conditional URLs, and the server's own writes
 * ({@link ObservationUpsert}, the pull) call HAPI's DAO directly.
 */
@Component
class KeyedPushMatch {

	private final IFhirResourceDao<Observation> hapi;
	private final ObservationsByKey byKey;

	@SuppressWarnings("unchecked")
	KeyedPushMatch(ObservationResourceProvider provider, ObservationsByKey byKey) {
		this.hapi = provider.getDao();
		this.byKey = byKey;
		// a JDK proxy rather than a delegating class: the DAO's interfaces have some 80 methods, of which one is ours
		provider.setDao((IFhirResourceDao<Observation>) Proxy.newProxyInstance(getClass().getClassLoader(),
				ClassUtils.getAllInterfaces(hapi), this::invoke));
	}

	private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("update") && args != null && args.length == 3
				&& args[0] instanceof Observation observation && args[1] instanceof String matchUrl
				&& args[2] instanceof RequestDetails request) {
			return update(observation, matchUrl, request);
		}
		try {
			return method.invoke(hapi, args);
		} catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	MethodOutcome update(Observation observation, String matchUrl, RequestDetails request) {
		Optional<Identifier> key = ObservationKeys.keyOf(observation);
		if (key.isEmpty() || !matchUrl.equals(ObservationKeys.matchUrl(key.get()))
				|| observation.getIdElement().hasIdPart()) {
			return hapi.update(observation, matchUrl, request);
		}
		Optional<String> patient = patientOf(observation);
		ObservationsByKey.KeyMatch match = byKey.match(key.get().getSystem(), key.get().getValue(),
				patient.orElse(null));
		TransactionDetails details = new TransactionDetails();
		match.patientResourceId().ifPresent(pid -> details
				.addResolvedResourceId(new IdType("Patient", patient.get()), JpaPid.fromId(pid)));
		List<String> matches = match.ids();
		if (matches.size() == 1) {
			observation.setId(matches.get(0));
			return hapi.update(observation, null, true, false, request, details);
		}
		if (matches.isEmpty()) {
			return createOrUpdateTheWinner(observation, matchUrl, request, details);
		}
		return hapi.update(observation, matchUrl, request);
	}

	/** The id of the Patient a plain reference {@code Patient/<id>} names; empty for any other form. */
	private static Optional<String> patientOf(Observation observation) {
		IIdType subject = observation.getSubject().getReferenceElement();
		return "Patient".equals(subject.getResourceType()) && subject.hasIdPart() && !subject.hasBaseUrl()
				&& !subject.hasVersionIdPart() ? Optional.of(subject.getIdPart()) : Optional.empty();
	}

	private MethodOutcome createOrUpdateTheWinner(Observation observation, String matchUrl, RequestDetails request,
			TransactionDetails details) {
		// the steps before the store change the resource (the study day): a lost race starts again from the original
		Observation attempt = observation.copy();
		boolean retry = request.isRetry();
		request.setRetry(false); // HAPI's retry would repeat the same create, which cannot succeed
		try {
			return hapi.create(attempt, null, true, request, details);
		} catch (ResourceVersionConflictException lostTheRace) {
			// the key's unique index refused the create: a parallel write of the same key committed first
		} finally {
			request.setRetry(retry);
		}
		return hapi.update(observation, matchUrl, request);
	}
}
