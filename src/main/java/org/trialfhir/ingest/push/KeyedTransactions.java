package org.trialfhir.ingest.push;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.trialfhir.hapisql.ObservationsByKey;
import org.trialfhir.studyday.ObservationKeys;

/**
 * The keyed entries of a transaction bundle matched without HAPI's conditional-URL machinery. A keyed entry — a
 * {@code POST} of an Observation with a key, or a {@code PUT} on exactly its key's URL ({@link ObservationKeys}) — is
 * a conditional update; HAPI answers conditional entries correctly but, after storing, checks every conditional URL
 * that created a resource against every resource of the bundle in memory, parsing the URL again each time: for a
 * bundle of 100 new keyed Observations 10,000 matches, a fifth of the bundle's request-thread CPU (docs/benchmarks.md).
 * Here all keys of the bundle are looked up first, in one indexed query ({@link ObservationsByKey#idsOfEach}), and each
 * keyed entry becomes what HAPI's conditional update would have made of it:
 * <ul>
 * <li>one Observation has the key: a {@code PUT} of that id (a new version only if something changed; the
 * {@link KeyedSubjectGuard} compares the subjects as before);</li>
 * <li>none: a plain {@code POST}. Should a parallel write of the same key commit first, the key's unique index
 * refuses the create and the whole bundle is written again as it came, through HAPI's conditional updates (with their
 * retries), which find that write — so still one Observation per key, as before;</li>
 * <li>more than one, or a key twice in the bundle: the bundle as it came, through HAPI's conditional updates
 * (412 for an ambiguous key, HAPI's own answer for duplicates).</li>
 * </ul>
 * Transaction bundles of Observations only (see {@link #onlyObservations}), through the REST door ({@code POST /fhir}: HAPI's system provider gets a DAO that answers
 * this call itself and hands every other to HAPI's) and through {@code $import}'s chunks; a batch's entries are
 * single writes and keep HAPI's path.
 */
@Component
public class KeyedTransactions {

	/** Request user-data key: the entries of the bundle under way whose key this class has resolved. */
	private static final String RESOLVED = KeyedTransactions.class.getName() + ".resolved";

	/** A keyed entry and its key. */
	private record Keyed(Bundle.BundleEntryComponent entry, Identifier key) {}

	private final IFhirSystemDao<Bundle, Meta> hapi;
	private final ObservationsByKey byKey;

	@SuppressWarnings("unchecked")
	KeyedTransactions(JpaSystemProvider<Bundle, Meta> provider, IFhirSystemDao<Bundle, Meta> hapi,
			ObservationsByKey byKey) {
		this.hapi = hapi; // the DAO HAPI's configuration gives the system provider
		this.byKey = byKey;
		// a JDK proxy rather than a delegating class: the DAO's interfaces have dozens of methods, of which one is ours
		provider.setDao((IFhirSystemDao<Bundle, Meta>) Proxy.newProxyInstance(getClass().getClassLoader(),
				ClassUtils.getAllInterfaces(hapi), this::invoke));
	}

	private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("transaction") && args != null && args.length == 2
				&& args[0] instanceof RequestDetails request && args[1] instanceof Bundle bundle) {
			return transaction(request, bundle);
		}
		try {
			return method.invoke(hapi, args);
		} catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	/** Writes a transaction or batch bundle as HAPI's system DAO does, a transaction's keyed entries matched here. */
	public Bundle transaction(RequestDetails request, Bundle bundle) {
		List<Keyed> keyed = bundle.getType() == Bundle.BundleType.TRANSACTION && onlyObservations(bundle)
				? keyedEntries(bundle)
				: List.of();
		if (keyed.isEmpty() || !distinct(keyed)) {
			return hapi.transaction(request, bundle);
		}
		List<List<String>> matches = byKey.idsOfEach(keyed.stream().map(Keyed::key).toList());
		if (matches.stream().anyMatch(ids -> ids.size() > 1)) {
			return hapi.transaction(request, bundle);
		}
		Bundle asItCame = bundle.copy(); // the steps before the store change the resources (ids, the study day)
		Set<Bundle.BundleEntryComponent> resolved = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean creates = false;
		for (int i = 0; i < keyed.size(); i++) {
			Bundle.BundleEntryRequestComponent entryRequest = keyed.get(i).entry().getRequest();
			if (matches.get(i).isEmpty()) {
				entryRequest.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
				creates = true;
			} else {
				entryRequest.setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/" + matches.get(i).get(0));
			}
			resolved.add(keyed.get(i).entry());
		}
		KeyedSubjectGuard.mark(request);
		boolean retry = request.isRetry();
		request.setRetry(false); // HAPI's retry would repeat the same writes, which cannot succeed
		request.getUserData().put(RESOLVED, resolved);
		try {
			return hapi.transaction(request, bundle);
		} catch (ResourceVersionConflictException lostTheRace) {
			if (!creates) {
				throw lostTheRace;
			}
			// a create refused by the key's unique index: a parallel write of the same key committed first
		} finally {
			request.getUserData().remove(RESOLVED);
			request.setRetry(retry);
		}
		return hapi.transaction(request, asItCame);
	}

	/** Whether this entry of the bundle under way has had its key resolved here (and is to be written as it is). */
	static boolean resolved(RequestDetails request, Bundle.BundleEntryComponent entry) {
		return request != null && request.getUserData().get(RESOLVED) instanceof Set<?> resolved
				&& resolved.contains(entry);
	}

	private static List<Keyed> keyedEntries(Bundle bundle) {
		List<Keyed> keyed = new ArrayList<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() instanceof Observation observation) {
				keyOfEntry(entry.getRequest(), observation).ifPresent(key -> keyed.add(new Keyed(entry, key)));
			}
		}
		return keyed;
	}

	/** The key of a keyed entry: a POST that {@link KeyedObservationWrites} would key, or a PUT on its key's URL. */
	private static Optional<Identifier> keyOfEntry(Bundle.BundleEntryRequestComponent request, Observation observation) {
		Optional<Identifier> key = ObservationKeys.keyOf(observation);
		if (key.isEmpty() || request.hasIfMatch() || request.hasIfNoneExist() || request.hasIfNoneMatch()
				|| request.hasIfModifiedSince()) {
			return Optional.empty();
		}
		boolean post = request.getMethod() == Bundle.HTTPVerb.POST;
		boolean putOnKey = request.getMethod() == Bundle.HTTPVerb.PUT
				&& ObservationKeys.matchUrl(key.get()).equals(request.getUrl());
		return (post || putOnKey) && !KeyedObservationWrites.hasClientId(observation) ? key : Optional.empty();
	}

	/**
	 * HAPI writes a bundle's entries by verb, and within a verb the conditional ones last: an entry matched here moves
	 * ahead of the conditional creates and updates beside it. Among Observations that changes nothing; ahead of the
	 * conditional create of the patient's ResearchSubject, the Observation would be stored before its enrolment and
	 * written a second time to be stamped with its study day ({@code studyday.StudyDayStamping}).
	 */
	private static boolean onlyObservations(Bundle bundle) {
		return bundle.getEntry().stream().allMatch(entry -> entry.getResource() instanceof Observation);
	}

	private static boolean distinct(List<Keyed> keyed) {
		Set<List<String>> keys = new HashSet<>();
		return keyed.stream().allMatch(k -> keys.add(List.of(k.key().getSystem(), k.key().getValue())));
	}
}
