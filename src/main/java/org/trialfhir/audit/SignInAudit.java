package org.trialfhir.audit;

import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.trialfhir.security.SignInAttempt;

/**
 * Each workbench sign-in, accepted or refused, becomes an AuditEvent through the outbox like every request's. The row is
 * written while the login request is handled: if it cannot be, the sign-in fails rather than go unrecorded.
 */
@Component
class SignInAudit {

	private final AuditOutbox outbox;
	private final AuditEventFactory events;

	SignInAudit(AuditOutbox outbox, AuditEventFactory events) {
		this.outbox = outbox;
		this.events = events;
	}

	@EventListener
	void record(SignInAttempt attempt) {
		outbox.append(UUID.randomUUID(), AuditOutbox.Kind.request, events.toJson(events.signIn(attempt)));
	}
}
