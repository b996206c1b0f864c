package org.trialfhir.security;

import java.time.Instant;

/**
 * A workbench user's sign-in at the login page, accepted or refused, published as a Spring application event so that
 * the audit trail records it. It carries the user name as typed (cut to {@value #MAX_NAME} characters: a typed name
 * is what a security officer needs, a pasted essay is not) and where the request came from — never the password.
 *
 * @param userName the name typed into the form (for a refusal it may name nobody)
 * @param remoteAddress the client's IP address as the server saw it, or null when unknown
 */
public record SignInAttempt(String userName, boolean succeeded, String remoteAddress, Instant at) {

	static final int MAX_NAME = 128;

	static SignInAttempt of(String typedName, boolean succeeded, String remoteAddress) {
		String name = typedName == null ? "" : typedName;
		return new SignInAttempt(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name, succeeded,
				remoteAddress, Instant.now());
	}
}
