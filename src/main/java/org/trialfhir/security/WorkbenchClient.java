package org.trialfhir.security;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The workbench at {@code /app/}: a public SMART app (no secret: its code runs in the browser) signing its users in by
 * authorization code with PKCE. Registered in every profile; who may sign in is the embedded server's user list.
 *
 * <p>Its redirect URI is the workbench of the server that was asked for the code: {@code <origin>/app/}, where origin
 * is the origin of the authorization request itself. A fixed list of URIs would break behind every host name and port
 * the server is reached by (and Spring Authorization Server refuses {@code localhost} in a registered URI); tying the
 * redirect to the asking origin sends the code nowhere but this server's own page, and PKCE binds it to the browser
 * that started the sign-in.
 */
final class WorkbenchClient {

	static final String CLIENT_ID = "trialfhir-workbench";
	static final String APP_PATH = "/app/";

	private WorkbenchClient() {}

	static RegisteredClient register(TokenSettings tokens) {
		return RegisteredClient.withId(UUID.nameUUIDFromBytes(CLIENT_ID.getBytes()).toString())
				.clientId(CLIENT_ID)
				.clientName("TrialFHIR workbench")
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				// never used as such: WorkbenchClient.redirectUriValidator accepts this server's own /app/
				.redirectUri("http://127.0.0.1:8080" + APP_PATH)
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
				.tokenSettings(tokens)
				.build();
	}

	/**
	 * The authorization request's checks: for the workbench, the redirect URI must be {@code /app/} on the origin the
	 * request came to (no query, no fragment); every other client keeps Spring Authorization Server's checks.
	 */
	static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> redirectUriValidator() {
		Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> standard = new OAuth2AuthorizationCodeRequestAuthenticationValidator();
		return context -> {
			if (!CLIENT_ID.equals(context.getRegisteredClient().getClientId())) {
				standard.accept(context);
				return;
			}
			OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
			if (!isOwnWorkbench(request.getAuthorizationUri(), request.getRedirectUri())) {
				OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
						"redirect_uri of the workbench must be " + APP_PATH + " on this server", null);
				throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
			}
			OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
		};
	}

	static boolean isOwnWorkbench(String authorizationUri, String redirectUri) {
		if (authorizationUri == null || redirectUri == null) {
			return false;
		}
		try {
			URI asked = URI.create(authorizationUri);
			URI redirect = URI.create(redirectUri);
			return Objects.equals(asked.getScheme(), redirect.getScheme())
					&& Objects.equals(asked.getHost(), redirect.getHost())
					&& asked.getPort() == redirect.getPort()
					&& redirect.getRawUserInfo() == null
					&& APP_PATH.equals(redirect.getRawPath())
					&& redirect.getRawQuery() == null
					&& redirect.getRawFragment() == null;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}
}
