package org.trialfhir.security;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.trialfhir.errors.TrialFhirException;

/**
 * What one entry of a transaction or batch asks for, read the way HAPI will carry it out: its URL may be relative
 * ({@code Patient/1}), start with a slash ({@code /Patient/1}) or be absolute on this server's base; an absolute URL
 * on another base, an unknown type, or a resource whose type differs from the URL's is refused before anything runs.
 *
 * @param method the entry's HTTP method
 * @param resourceType the type the entry reads or writes; null for a server-level operation
 * @param operation the operation it invokes ({@code $name}), or null
 * @param search true for a GET with a query (a search), false for a read
 */
record EntryRequest(Bundle.HTTPVerb method, String resourceType, String operation, boolean search) {

	/**
	 * @param index the entry's position, named in errors ({@code Bundle.entry[2].request.url})
	 * @param serverBase this server's FHIR base, e.g. {@code http://localhost:8080/fhir}
	 */
	static EntryRequest of(int index, Bundle.BundleEntryComponent entry, String serverBase, FhirContext context) {
		String where = "Bundle.entry[" + index + "].request";
		Bundle.BundleEntryRequestComponent request = entry.getRequest();
		Bundle.HTTPVerb method = request.getMethod();
		if (method == null || method == Bundle.HTTPVerb.NULL) {
			throw invalid(where + ".method", "is missing: every entry needs GET, HEAD, POST, PUT, PATCH or DELETE");
		}
		String url = request.getUrl();
		if (url == null || url.isBlank()) {
			throw invalid(where + ".url", "is missing");
		}
		String relative = relativeTo(url.trim(), serverBase, where);
		int query = relative.indexOf('?');
		String path = query < 0 ? relative : relative.substring(0, query);
		String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
		String operation = Arrays.stream(segments).filter(s -> s.startsWith("$")).findFirst().orElse(null);
		String type = segments.length == 0 || segments[0].startsWith("$") ? null : segments[0];
		if (type == null && operation == null) {
			throw invalid(where + ".url", "'" + url + "' names no resource type");
		}
		if (type != null && !context.getResourceTypes().contains(type)) {
			throw invalid(where + ".url", "'" + url + "' names no known resource type ('" + type + "')");
		}
		if (entry.hasResource() && operation == null && (method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT)
				&& !entry.getResource().fhirType().equals(type)) {
			throw invalid(where + ".url", "names " + type + " but the entry's resource is a "
					+ entry.getResource().fhirType());
		}
		return new EntryRequest(method, type, operation, query >= 0);
	}

	/** The URL relative to this server's base: leading slashes dropped, this server's base removed. */
	private static String relativeTo(String url, String serverBase, String where) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			String base = serverBase.endsWith("/") ? serverBase : serverBase + "/";
			if (!lower.startsWith(base.toLowerCase(Locale.ROOT))) {
				throw invalid(where + ".url", "'" + url + "' is absolute on another server; use a URL relative to "
						+ "this server's base");
			}
			return url.substring(base.length());
		}
		int query = url.indexOf('?');
		if ((query < 0 ? url : url.substring(0, query)).contains("://")) { // a query may well hold a system URI
			throw invalid(where + ".url", "'" + url + "' is not a URL of this server");
		}
		return url.replaceFirst("^/+", "");
	}

	private static TrialFhirException invalid(String location, String message) {
		return TrialFhirException.invalid(location, location + " " + message);
	}
}
