package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;
import org.trialfhir.errors.TrialFhirException;

/**
 * The checks of a {@code $pull-status} request. It takes no parameter and changes nothing, so it is a GET (POST is 405:
 * HAPI would accept it for any operation), with at most {@code _format} (JSON or XML) and {@code _pretty}; anything
 * else is a 400 naming it, rather than being ignored.
 */
final class PullStatusRequest {

	private static final Set<String> ALLOWED = Set.of("_format", "_pretty");

	private PullStatusRequest() {}

	static void check(RequestDetails request) {
		if (request.getRequestType() != RequestTypeEnum.GET) {
			throw new MethodNotAllowedException("$pull-status is read with GET; it takes no parameters",
					RequestTypeEnum.GET);
		}
		request.getParameters().forEach((name, values) -> {
			if (!ALLOWED.contains(name)) {
				String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name; // a huge name is not echoed whole
				throw TrialFhirException.invalid(shown, "$pull-status takes no parameter '" + shown + "'");
			}
			if (values.length > 1) {
				throw TrialFhirException.invalid(name, name + " may be given once; it is given " + values.length
						+ " times");
			}
		});
		String[] format = request.getParameters().get("_format");
		if (format != null) {
			EncodingEnum encoding = EncodingEnum.forContentType(format[0]);
			if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
				throw TrialFhirException.invalid("_format", "$pull-status answers in FHIR JSON or XML; _format '"
						+ format[0] + "' is neither");
			}
		}
	}
}
