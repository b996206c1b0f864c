package org.trialfhir.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client a token request says it is (HTTP Basic user name, or the {@code client_id} form field), for the audit of
 * {@code /oauth2/token}, whose answer (issued or refused) says whether the claim held. Never the secret.
 */
final class ClaimedClient {

	private ClaimedClient() {}

	static String of(HttpServletRequest request) {
		if (!request.getRequestURI().startsWith("/oauth2/token")) {
			return null;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				return colon > 0 ? credentials.substring(0, colon) : null;
			} catch (IllegalArgumentException notBase64) {
				return null;
			}
		}
		return request.getParameter("client_id");
	}
}
