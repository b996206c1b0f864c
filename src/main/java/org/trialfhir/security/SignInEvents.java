package org.trialfhir.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Turns Spring Security's events of the login form into {@link SignInAttempt}s for the audit trail, so that no other
 * package needs to know Spring Security. Only user name and password sign-ins count: a client authenticating at the
 * token endpoint or a bearer token on {@code /fhir} is audited as that request.
 */
@Component
class SignInEvents {

	private final ApplicationEventPublisher publisher;

	SignInEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		publish(event.getAuthentication(), true);
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		publish(event.getAuthentication(), false);
	}

	private void publish(Authentication authentication, boolean succeeded) {
		if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
			return;
		}
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress()
				: null;
		publisher.publishEvent(SignInAttempt.of(authentication.getName(), succeeded, address));
	}
}
