package org.trialfhir.ingest.push;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;
import org.trialfhir.studyday.ObservationKeys;

/**
 * Makes EHR pushes idempotent: a create of an Observation that carries an identifier becomes a conditional update
 * keyed by that identifier — for a plain {@code POST /Observation} and for POST entries of transaction and batch
 * bundles. A retried push then finds the stored Observation and updates it (a new version only if it changed) instead
 * of creating a second one. A client's own {@code If-None-Exist} is respected as sent.
 *
 * <p>Two identical pushes arriving together both miss the search; the unique index then fails the second insert and
 * HAPI retries that request ({@link KeyedWriteRetries}), which now finds the first. Every write keyed by identifier
 * (also a client's own conditional PUT) is marked for {@link KeyedSubjectGuard}.
 */
@Component
@Interceptor
class KeyedObservationWrites implements FhirRestInterceptor {

	static final int MAX_RETRIES = 5;

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public void keyObservationWrite(RequestDetails request) {
		if (isConditionalUpdateByIdentifier(request)) {
			KeyedSubjectGuard.mark(request);
			return;
		}
		if (!isPlainObservationCreate(request)) {
			return;
		}
		parsedObservation(request).flatMap(ObservationKeys::keyOf).ifPresent(key -> {
			request.setRequestType(RequestTypeEnum.PUT);
			request.setFixedConditionalUrl(ObservationKeys.matchUrl(key));
			retryOnUniqueKeyConflict(request);
			KeyedSubjectGuard.mark(request);
		});
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void keyBundleCreates(RequestDetails request, IBaseBundle bundle) {
		if (!(bundle instanceof Bundle fhirBundle)) {
			return;
		}
		boolean keyed = false;
		for (Bundle.BundleEntryComponent entry : fhirBundle.getEntry()) {
			Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
			keyed |= entryRequest.getMethod() == Bundle.HTTPVerb.PUT && entryRequest.hasUrl()
					&& entryRequest.getUrl().startsWith("Observation?") && entryRequest.getUrl().contains("identifier=");
			if (KeyedTransactions.resolved(request, entry)) {
				continue; // written as resolved: a lost race is retried by KeyedTransactions, not by HAPI
			}
			if (entryRequest.getMethod() != Bundle.HTTPVerb.POST || entryRequest.hasIfNoneExist()
					|| !(entry.getResource() instanceof Observation observation) || hasClientId(observation)) {
				continue;
			}
			Optional<Identifier> key = ObservationKeys.keyOf(observation);
			if (key.isPresent()) {
				entryRequest.setMethod(Bundle.HTTPVerb.PUT).setUrl(ObservationKeys.matchUrl(key.get()));
				keyed = true;
			}
		}
		if (keyed && request != null) {
			retryOnUniqueKeyConflict(request);
			KeyedSubjectGuard.mark(request);
		}
	}

	// a bundle's placeholder (urn:uuid fullUrl) is not a client-assigned id
	static boolean hasClientId(Observation observation) {
		return observation.getIdElement().hasIdPart() && !observation.getIdElement().getValue().startsWith("urn:");
	}

	private static void retryOnUniqueKeyConflict(RequestDetails request) {
		request.setRetry(true);
		request.setMaxRetries(Math.max(request.getMaxRetries(), MAX_RETRIES));
	}

	private static boolean isConditionalUpdateByIdentifier(RequestDetails request) {
		return request.getRequestType() == RequestTypeEnum.PUT
				&& "Observation".equals(request.getResourceName())
				&& request.getId() == null
				&& request.getParameters().containsKey("identifier");
	}

	private static boolean isPlainObservationCreate(RequestDetails request) {
		return request.getRequestType() == RequestTypeEnum.POST
				&& "Observation".equals(request.getResourceName())
				&& request.getId() == null
				&& request.getOperation() == null
				&& request.getHeader(Constants.HEADER_IF_NONE_EXIST) == null;
	}

	/**
	 * The Observation of a plain create, as the request's first hook parsed it (strictly: server.StrictRequestBodies,
	 * on the same pointcut, runs before this one and hands HAPI its result); a body is not parsed twice. Empty for any
	 * other body, and for none (not a FHIR body, e.g. a form search), which HAPI answers as usual.
	 */
	private static Optional<Observation> parsedObservation(RequestDetails request) {
		// a client-assigned id in a POST body is left to HAPI's own create
		return request.getResource() instanceof Observation observation && !hasClientId(observation)
				? Optional.of(observation)
				: Optional.empty();
	}
}
