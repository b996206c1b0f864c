package org.trialfhir.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.trialfhir.errors.TrialFhirException;

/**
 * What a strict parse accepts but the server cannot act on: a transaction or batch entry without
 * {@code request.method} or {@code request.url} (HAPI fails on it with a NullPointerException, or guesses), and a
 * {@code meta.profile} that is not an absolute URI (HAPI takes any text as a canonical). Checked for the body and
 * every resource inside it.
 */
final class RequestBodyRules {

	private static final String METHODS = "GET, HEAD, POST, PUT, DELETE or PATCH";

	private RequestBodyRules() {}

	static void check(IBaseResource body) {
		if (body instanceof Resource resource) {
			check(resource, resource.fhirType());
		}
	}

	private static void check(Resource resource, String path) {
		List<CanonicalType> profiles = resource.getMeta().getProfile();
		for (int i = 0; i < profiles.size(); i++) {
			String profile = profiles.get(i).getValue();
			if (!isAbsoluteUri(profile)) {
				throw TrialFhirException.invalid(path + ".meta.profile[" + i + "]", "meta.profile '" + profile
						+ "' is not a canonical URL (an absolute URI, optionally with |version)");
			}
		}
		if (resource instanceof DomainResource domain) {
			for (int i = 0; i < domain.getContained().size(); i++) {
				check(domain.getContained().get(i), path + ".contained[" + i + "]");
			}
		}
		if (resource instanceof Bundle bundle) {
			entries(bundle, path);
		}
		if (resource instanceof Parameters parameters) {
			for (int i = 0; i < parameters.getParameter().size(); i++) {
				if (parameters.getParameter().get(i).getResource() != null) {
					check(parameters.getParameter().get(i).getResource(), path + ".parameter[" + i + "].resource");
				}
			}
		}
	}

	private static void entries(Bundle bundle, String path) {
		boolean requestsNeeded = bundle.getType() == Bundle.BundleType.TRANSACTION
				|| bundle.getType() == Bundle.BundleType.BATCH;
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			String entryPath = path + ".entry[" + i + "]";
			if (requestsNeeded) {
				request(entry.getRequest(), entryPath + ".request", bundle.getType().toCode());
			}
			if (entry.getResource() != null) {
				check(entry.getResource(), entryPath + ".resource");
			}
		}
	}

	private static void request(Bundle.BundleEntryRequestComponent request, String path, String bundleType) {
		if (request.getMethod() == null || request.getMethod() == Bundle.HTTPVerb.NULL) {
			throw TrialFhirException.invalid(path + ".method", "every entry of a " + bundleType
					+ " needs request.method (" + METHODS + ")");
		}
		if (!request.hasUrl() || request.getUrl().isBlank()) {
			throw TrialFhirException.invalid(path + ".url", "every entry of a " + bundleType + " needs request.url "
					+ "(e.g. Observation for a POST, Observation/<id> or Observation?identifier=… for a PUT)");
		}
	}

	private static boolean isAbsoluteUri(String canonical) {
		if (canonical == null) {
			return false;
		}
		int bar = canonical.indexOf('|');
		try {
			return new URI(bar < 0 ? canonical : canonical.substring(0, bar)).isAbsolute();
		} catch (URISyntaxException e) {
			return false;
		}
	}
}
